// mount.js: defines <knotwise-chat> (once, however often the script is included) and puts one on the page unless the
// page placed its own.

const TAG = 'knotwise-chat';

if (!customElements.get(TAG)) {
    customElements.define(TAG, KnotwiseChat);
}

// Wait for the whole page so a hand-placed <knotwise-chat> further down is found.
function mount() {
    if (!document.querySelector(TAG)) {
        document.body.appendChild(document.createElement(TAG));
    }
}
if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', mount);
} else {
    mount();
}
