/** What `npm run backup` and `npm run restore` say (Japanese; English with STAFF_LANGUAGE=en). */
export interface BackupText {
  usageBackup: string;
  usageRestore: string;
  noDatabase(dataDir: string): string;
  startedEmbedded: string;
  backupDone(file: string, size: string): string;
  rowCounts(total: number, tables: string): string;
  schema(tag: string, count: number): string;
  removedOld(files: string[]): string;
  keepWarning: string;
  failed(error: string): string;
  noFile(file: string): string;
  running(pid: number): string;
  refused: { not_empty(tables: string[]): string; in_use(sessions: number): string; newer_backup(tag: string): string; newer_database: string };
  restoreDone(file: string, createdAt: string): string;
  replaced: string;
  queuesEmptied: string;
  next: string;
}

export const backupText: Record<'ja' | 'en', BackupText> = {
  ja: {
    usageBackup: '使い方: npm run backup [-- --out <ファイルかフォルダ>] [--keep <残す数>]',
    usageRestore: '使い方: npm run restore -- <バックアップファイル> [--replace]',
    noDatabase: (dataDir) =>
      `${dataDir} に組み込みデータベースがありません（まだ一度も起動していないか、DATA_DIR が違います）。バックアップするものがありません。`,
    startedEmbedded: '（組み込み PostgreSQL をこのために起動し、終わってから停止しました）',
    backupDone: (file, size) => `✓ バックアップを作成しました: ${file}（${size}）`,
    rowCounts: (total, tables) => `  ${total} 行: ${tables}`,
    schema: (tag, count) => `  データベースの版: ${tag}（${count} 件のマイグレーション）`,
    removedOld: (files) => `  古いバックアップを削除しました: ${files.join(', ')}`,
    keepWarning: 'このファイルには利用者の情報が入っています。データベースと同じように安全な場所（暗号化したディスクや別の建物）に保管してください。',
    failed: (error) => `✗ 失敗しました: ${error}`,
    noFile: (file) => `✗ ${file} がありません。`,
    running: (pid) => `✗ Tsunagi が動いています（プロセス ${pid}）。先に止めてから復元してください（例: sudo systemctl stop tsunagi）。`,
    refused: {
      not_empty: (tables) =>
        `✗ データベースにはすでにデータがあります（${tables.join(', ')}）。今のデータを消してバックアップの内容に置き換える場合は、--replace を付けて実行してください（先に npm run backup で今のデータも保存しておくと安全です）。`,
      in_use: (sessions) =>
        `✗ Tsunagi がこのデータベースを使っています（接続 ${sessions} 件）。すべての Tsunagi を止めてから復元してください（例: docker compose stop tsunagi）。`,
      newer_backup: (tag) => `✗ このバックアップは新しい版の Tsunagi で作られました（データベースの版 ${tag}）。その版以降の Tsunagi で復元してください。`,
      newer_database:
        '✗ データベースの版がバックアップより新しくなっています（新しい版の Tsunagi が一度起動しました）。置き換える場合は --replace を付けて実行してください。',
    },
    restoreDone: (file, createdAt) => `✓ 復元しました: ${file}（${createdAt} に作成）`,
    replaced: '  元のデータは削除し、バックアップの内容に置き換えました。',
    queuesEmptied: '  キューは空にしました。Tsunagi が起動時にデータベースから作り直します（未送信の返信やリマインダーもそこから再開します）。',
    next: '次に Tsunagi を起動してください。新しい版の Tsunagi なら、起動時に残りのマイグレーションが適用されます。',
  },
  en: {
    usageBackup: 'Usage: npm run backup [-- --out <file or folder>] [--keep <how many to keep>]',
    usageRestore: 'Usage: npm run restore -- <backup file> [--replace]',
    noDatabase: (dataDir) => `There is no embedded database in ${dataDir} (Tsunagi never started there, or DATA_DIR is wrong): nothing to back up.`,
    startedEmbedded: '(the embedded PostgreSQL was started for this and stopped again)',
    backupDone: (file, size) => `✓ Backup written: ${file} (${size})`,
    rowCounts: (total, tables) => `  ${total} rows: ${tables}`,
    schema: (tag, count) => `  database schema: ${tag} (${count} migrations)`,
    removedOld: (files) => `  older backups removed: ${files.join(', ')}`,
    keepWarning: 'This file holds the people’s data: keep it as safe as the database (an encrypted disk, another building).',
    failed: (error) => `✗ Failed: ${error}`,
    noFile: (file) => `✗ ${file} does not exist.`,
    running: (pid) => `✗ Tsunagi is running (process ${pid}). Stop it first, then restore (e.g. sudo systemctl stop tsunagi).`,
    refused: {
      not_empty: (tables) =>
        `✗ The database already holds data (${tables.join(', ')}). To delete it and put the backup's in its place, run again with --replace (saving it first with npm run backup is safer).`,
      in_use: (sessions) =>
        `✗ Tsunagi is using this database (${sessions} connection(s)). Stop every Tsunagi, then restore (e.g. docker compose stop tsunagi).`,
      newer_backup: (tag) => `✗ This backup was made by a newer Tsunagi (database schema ${tag}). Restore it with that version or a later one.`,
      newer_database: '✗ The database has a newer schema than the backup (a newer Tsunagi started on it). To replace it, run again with --replace.',
    },
    restoreDone: (file, createdAt) => `✓ Restored ${file} (made ${createdAt})`,
    replaced: '  The data that was there was deleted and replaced by the backup’s.',
    queuesEmptied: '  The queues were emptied: Tsunagi rebuilds them from the database when it starts (unsent replies and reminders resume from there).',
    next: 'Now start Tsunagi. A newer version applies its remaining migrations when it starts.',
  },
};

/** What a backup holds, in two lines: its schema and its rows per table (after a backup and after a restore). */
export function contentsLines(
  t: BackupText,
  manifest: { schema: { lastMigrationTag?: string | null | undefined; migrations: number }; tables: ReadonlyArray<{ name: string; rows: number }> },
): string[] {
  const total = manifest.tables.reduce((n, table) => n + table.rows, 0);
  const counts = manifest.tables
    .filter((table) => table.rows > 0)
    .map((table) => `${table.name.replace(/^public\./, '')} ${table.rows}`)
    .join(', ');
  return [t.schema(manifest.schema.lastMigrationTag ?? '-', manifest.schema.migrations), t.rowCounts(total, counts)];
}
