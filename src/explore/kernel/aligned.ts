// Page-aligned memory for O_DIRECT: a Buffer's address is not guaranteed aligned, a
// WebAssembly memory's is (64 KiB pages). The type is declared here: the project's lib has no
// WebAssembly declarations.
declare const WebAssembly: { Memory: new (d: { initial: number }) => { buffer: ArrayBuffer } };

export const alignedBuffer = (bytes: number): Uint8Array =>
  new Uint8Array(new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) }).buffer);
