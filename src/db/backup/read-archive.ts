import fs from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ARCHIVE_MAGIC, ARCHIVE_VERSION, BackupFormatError, type ArchiveManifest } from './archive-format.js';

/** The lines of a stream (without their '\n'), as bytes: a table's rows go to PostgreSQL unchanged. */
async function* linesOf(stream: Readable): AsyncGenerator<Buffer> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of stream) {
    const buffer = rest.length > 0 ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    let start = 0;
    for (let end = buffer.indexOf(10, start); end !== -1; end = buffer.indexOf(10, start)) {
      yield buffer.subarray(start, end);
      start = end + 1;
    }
    rest = buffer.subarray(start);
  }
  if (rest.length > 0) yield rest;
}

/** A backup file opened for reading: its manifest, then its lines in order. */
export class ArchiveReader {
  private constructor(
    readonly manifest: ArchiveManifest,
    private readonly lines: AsyncGenerator<Buffer>,
    private readonly stream: Readable,
  ) {}

  /** Opens `file` and reads its first two lines (format, manifest); throws BackupFormatError if it is no Tsunagi backup. */
  static async open(file: string): Promise<ArchiveReader> {
    const stream = createGunzip();
    // pipeline destroys every stream with the first error (a missing file, a damaged gzip block), which
    // the reading below then throws; the callback has nothing more to do.
    pipeline(fs.createReadStream(file), stream, () => {});
    const lines = linesOf(stream);
    try {
      const magic = (await lines.next()).value?.toString('utf8');
      if (magic !== `${ARCHIVE_MAGIC} ${ARCHIVE_VERSION}`) {
        throw new BackupFormatError(
          magic?.startsWith(ARCHIVE_MAGIC) ? `${file} is a Tsunagi backup of another format (${magic})` : `${file} is not a Tsunagi backup`,
        );
      }
      const manifest = JSON.parse((await lines.next()).value?.toString('utf8') ?? '') as ArchiveManifest;
      if (!Array.isArray(manifest.tables) || !Array.isArray(manifest.sequences) || typeof manifest.schema !== 'object') {
        throw new BackupFormatError(`${file} has no readable manifest`);
      }
      return new ArchiveReader(manifest, lines, stream);
    } catch (error) {
      stream.destroy();
      if (error instanceof BackupFormatError) throw error;
      throw new BackupFormatError(`${file} is not a readable Tsunagi backup (${(error as Error).message})`, { cause: error });
    }
  }

  /** The next line (undefined at the end of the file). A damaged file throws (gzip checks every block). */
  async nextLine(): Promise<Buffer | undefined> {
    const next = await this.lines.next();
    return next.done ? undefined : next.value;
  }

  close(): void {
    this.stream.destroy();
  }
}
