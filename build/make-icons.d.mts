/** Types for build/make-icons.mjs (app icon generator). */
export declare const PNG_SIZE: number;
export declare const ICO_SIZES: number[];
export declare function render(size: number, samples?: number): Buffer;
export declare function encodePng(rgba: Buffer, size: number): Buffer;
export declare function encodeIco(sizes: readonly number[]): Buffer;
export declare function buildIcons(): { 'icon.png': Buffer; 'icon.ico': Buffer };
