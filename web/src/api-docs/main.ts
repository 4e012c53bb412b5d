// Entry of api-docs.html: Swagger UI bundled from swagger-ui-dist (no CDN),
// reading the spec the Go server publishes at /api/openapi.json.
import SwaggerUIBundle from 'swagger-ui-dist/swagger-ui-es-bundle.js';
import 'swagger-ui-dist/swagger-ui.css';

SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  // Same-origin requests from "Try it out" carry the session cookie.
  withCredentials: true,
});
