// Runs first (in <head>) so the page is drawn in the chosen theme: "light" or "dark" stored in
// localStorage, else the system's prefers-color-scheme (the stylesheet handles that case).
(function () {
  try {
    var t = localStorage.getItem('sentinel-theme');
    if (t === 'light' || t === 'dark') {
      document.documentElement.setAttribute('data-theme', t);
    }
  } catch (e) { /* storage disabled: follow the system */ }
})();
