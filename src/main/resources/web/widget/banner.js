// banner.js: paints the safety banner (red for emergency and urgent, amber for "see a doctor") with its call link.
// When it shows and what it says is decided in state.js (nextBanner, bannerView).

/** `$`: the widget's elements; `view`: what bannerView says to show. */
function paintBanner($, view) {
    $.banner.dataset.tone = view.tone;
    $.bannerLead.textContent = view.lead;
    $.bannerText.textContent = view.text;
    if (view.call) {
        $.call.href = view.call.href;
        $.call.textContent = view.call.label;
        $.call.hidden = false;
    } else {
        $.call.removeAttribute('href');
        $.call.hidden = true;
    }
    $.banner.hidden = false;
}
