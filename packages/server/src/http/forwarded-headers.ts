/** The request headers handed to the runtime for MCP `headers_from_request` (server-spec §11.3). */

/** Options of {@link forwardedHeaders}. */
export interface ForwardedHeadersOptions {
  /**
   * Drop `Authorization`: when Aura's own API keys are on, that header carries the Aura key, which must never
   * reach an MCP server.
   */
  readonly dropAuthorization: boolean;
}

/** A copy of the request's headers for forwarding (names lowercase, as the HTTP stack gives them). */
export function forwardedHeaders(headers: Headers, options: ForwardedHeadersOptions): Headers {
  const copy = new Headers(headers);
  if (options.dropAuthorization) copy.delete('authorization');
  return copy;
}
