/**
 * One WebAssembly memory holds at most 65,536 pages of 64 KiB (4 GiB). `createMemory` adds a
 * page beyond the layout, so a layout may use at most 65,535 pages.
 */
export const MAX_MEMORY_BYTES = 65_535 * 65_536;

/** `3.21 GiB`, `512.0 MiB`, `12 KiB` for the memory-limit messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  return `${Math.ceil(bytes / 1024)} KiB`;
}
