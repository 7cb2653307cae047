/**
 * The two-step upload (files.getUploadURLExternal, POST the bytes, files.completeUploadExternal)
 * that WebClient's `filesUploadV2` performs. Files keep their bytes so tests can check a chart.
 */
export interface StoredFile {
  id: string;
  filename: string;
  /** Length announced in files.getUploadURLExternal. */
  length: number;
  uploadUrl: string;
  /** The bytes POSTed to `uploadUrl`; undefined until then. */
  content: Buffer | undefined;
  completed: boolean;
  title: string | undefined;
  altText: string | undefined;
  snippetType: string | undefined;
  channelId: string | undefined;
  initialComment: string | undefined;
  threadTs: string | undefined;
}

export class FileStore {
  private readonly files = new Map<string, StoredFile>();

  add(file: StoredFile): void {
    this.files.set(file.id, file);
  }

  get(id: string): StoredFile | undefined {
    return this.files.get(id);
  }

  all(): StoredFile[] {
    return [...this.files.values()];
  }

  clear(): void {
    this.files.clear();
  }
}
