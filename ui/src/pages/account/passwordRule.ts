// The contract's password rule (8..256 characters), checked before the request is sent.
export const passwordRule = {
  validate: (v: string) => (v.length >= 8 && v.length <= 256) || 'Password must be 8 to 256 characters',
};
