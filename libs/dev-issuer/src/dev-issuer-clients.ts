/** The one resource server the issuer mints tokens for; its audience is the contract's. */
export const DINNER_RUSH_RESOURCE = 'urn:dinner-rush:api';
