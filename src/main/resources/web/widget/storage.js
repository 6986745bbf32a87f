// storage.js: the browser's localStorage, forgiving. It throws in some sandboxed iframes and private modes: then the
// widget just doesn't remember, and the chat still works. What is kept under which key: state.js (storageKeys).

function storageGet(key) {
    try {
        return window.localStorage.getItem(key);
    } catch (e) {
        return null;
    }
}

/** Keeps a value, or forgets the key when `value` is null. */
function storageSet(key, value) {
    try {
        if (value == null) {
            window.localStorage.removeItem(key);
        } else {
            window.localStorage.setItem(key, value);
        }
    } catch (e) {
        /* not remembered; the chat still works */
    }
}
