import { buildApp } from './app';
import { loadConfig } from './config';
import { DataDirLockedError } from './db/dir-lock';

/** The process entry: `npm run server` (or `npm start`, which builds the web app first). */
async function main(): Promise<void> {
  const config = loadConfig();
  let app;
  try {
    app = await buildApp(config);
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const close = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ host: config.host, port: config.port });
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `嵌入式 PGlite（${config.dataDir}）`;
  const files =
    config.storageDriver === 's3'
      ? `对象存储 S3（${config.s3!.endpoint ?? 'AWS'}，桶 ${config.s3!.bucket}）`
      : `本地目录（${config.storageDir}）`;
  app.log.info(
    `平台已启动：http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}  数据库：${where}  文件：${files}  模式：${config.mode}`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
