// The OpenAPI page: swagger-ui from the app's own static files (no inline script, no CDN).
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("swagger-settings").textContent);
  config.dom_id = "#swagger-ui";
  config.presets = [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset];
  window.ui = SwaggerUIBundle(config);
})();
