/**
 * What the functions need from storage (they are exempt from its rules): CloudBase's through node-sdk in
 * the cloud, the emulator's folder locally and in tests.
 */
export interface FileStorage {
  /** A stored file's bytes; null when there is no such file, or it is larger than `maxBytes`. */
  download(fileID: string, maxBytes: number): Promise<Buffer | null>
  /** Stores bytes at a path of the functions' own, replacing what was there; resolves with its fileID. */
  upload(cloudPath: string, content: Buffer): Promise<string>
  /**
   * Temporary URLs that load each file without a session for `maxAgeSeconds`, as getTempFileURL hands
   * them out, by fileID. A file that does not exist gets none.
   */
  temporaryUrls(fileIDs: readonly string[], maxAgeSeconds: number): Promise<Map<string, string>>
}
