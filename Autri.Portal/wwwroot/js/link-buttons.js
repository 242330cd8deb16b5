// A link that acts as a button (role="button", like the navbar's Admin menu toggle, a link so that it still leads
// somewhere without script) answers Space as a button does. Enter needs nothing: it follows the link, which
// Bootstrap turns into opening the menu.
document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (event.key !== " " || !(target instanceof HTMLAnchorElement) || target.getAttribute("role") !== "button") return;
    event.preventDefault();
    target.click();
});
