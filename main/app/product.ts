import pkg from '../../package.json' with { type: 'json' };

export const PRODUCT = { name: pkg.productName, version: pkg.version } as const;
