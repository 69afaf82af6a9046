// The preview (aftale vis): reload the page when the files it was made from change.
(function () {
  var meta = function (name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute("content") : "";
  };
  var version = meta("aftale-version");
  var events = new EventSource(meta("aftale-haendelser") + "?version=" + version);
  events.onmessage = function (event) { if (event.data !== version) { location.reload(); } };
})();
