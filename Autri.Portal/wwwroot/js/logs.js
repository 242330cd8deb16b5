// Logs pages: the "Copy runbook link" button. The link is a read-only field anyone can select without script;
// this only adds the one-click copy (no inline script: the CSP forbids it).
(function () {
    "use strict";

    function copy(text) {
        if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
        // Plain-http origins (local mode) have no Clipboard API: fall back to selecting and copying.
        return new Promise(function (resolve, reject) {
            var field = document.createElement("textarea");
            field.value = text;
            field.setAttribute("readonly", "");
            field.className = "position-absolute opacity-0";
            document.body.appendChild(field);
            field.select();
            var ok = document.execCommand("copy");
            document.body.removeChild(field);
            if (ok) resolve(); else reject(new Error("copy refused"));
        });
    }

    function wire(button) {
        var target = document.getElementById(button.getAttribute("data-copy-target"));
        if (!target || button.dataset.copyWired) return;
        button.dataset.copyWired = "1";
        button.hidden = false;
        var status = button.closest(".runbook-link") && button.closest(".runbook-link").querySelector("[data-copy-status]");
        button.addEventListener("click", function () {
            copy(target.value).then(function () {
                if (status) status.textContent = "Copied to the clipboard.";
                button.textContent = "Copied";
            }, function () {
                target.select();
                if (status) status.textContent = "Press Ctrl+C (or ⌘C) to copy the selected link.";
            });
        });
    }

    function init() {
        document.querySelectorAll("[data-copy-target]").forEach(wire);
    }

    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
