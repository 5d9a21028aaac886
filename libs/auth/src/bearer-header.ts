/** The header that carries an access token (RFC 6750). */
export function bearerHeader(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}
