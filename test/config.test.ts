import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../src/config.ts';
import { runCli, tempDir } from './support/cli.ts';

describe('configuration', () => {
  it('uses the documented defaults when nothing is set', async () => {
    expect(parseConfig({})).toEqual({
      databasePath: 'data/pivot.db',
      logLevel: 'info',
      knowledgeDir: undefined,
      llm: undefined,
      limits: { messagesPerMinute: 6, dailyTokens: 30000 },
      checkinCron: '* * * * *',
      retentionDays: 365,
      web: undefined,
      discord: undefined,
    });
  });

  it('switches to a model when a key or a base URL is set', async () => {
    expect(parseConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', OPENAI_TIMEOUT_MS: '500' }).llm).toEqual({
      apiKey: 'no-key',
      baseURL: 'http://127.0.0.1:9/v1',
      model: 'gpt-4o-mini',
      timeoutMs: 500,
    });
  });

  it('never repeats a secret in its error message', async () => {
    expect(() => parseConfig({ OPENAI_API_KEY: 'sk-live-123', OPENAI_BASE_URL: 'not a url' })).toThrow(ConfigError);
    try {
      parseConfig({ OPENAI_API_KEY: 'sk-live-123', OPENAI_BASE_URL: 'not a url', MEMBER_DAILY_TOKENS: '-5' });
    } catch (error) {
      expect((error as Error).message).not.toContain('sk-live-123');
      expect((error as Error).message).toContain('MEMBER_DAILY_TOKENS');
    }
  });

  it('treats empty variables as unset', async () => {
    expect(parseConfig({ LOG_LEVEL: '', DATABASE_PATH: '' }).databasePath).toBe('data/pivot.db');
  });

  it('reports every bad variable in one error', async () => {
    let error: unknown;
    try {
      parseConfig({ LOG_LEVEL: 'loud', DATABASE_PATH: '   ' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('LOG_LEVEL');
    expect(message).toContain('loud');
    expect(message).toContain('DATABASE_PATH');
    expect((error as ConfigError).problems).toHaveLength(2);
  });

  it('reads .env when present, with the real environment taking precedence', async () => {
    const dir = tempDir();
    const envFile = join(dir, '.env');
    writeFileSync(envFile, 'LOG_LEVEL=debug\nDATABASE_PATH=from-file.db\n');
    const config = loadConfig({ DATABASE_PATH: 'from-env.db' }, envFile);
    expect(config).toMatchObject({ logLevel: 'debug', databasePath: 'from-env.db' });
  });

  it('exits with code 2 and one clear message, no stack trace, on bad variables', async () => {
    const result = await runCli(['search', 'salary'], { LOG_LEVEL: 'chatty', KNOWLEDGE_DIR: ' ' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain('LOG_LEVEL');
    expect(result.stderr).toContain('KNOWLEDGE_DIR');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });

  it('creates the database directory named by DATABASE_PATH', async () => {
    const dir = tempDir();
    const result = await runCli(['ingest', '--json'], { DATABASE_PATH: join(dir, 'nested/deeper/pivot.db') });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ rebuilt: true });
  });
});
