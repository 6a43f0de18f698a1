import { execFile } from 'node:child_process';

export class GitError extends Error {
  override readonly name = 'GitError';
}

/** Run git with an argument array (never a shell) and return stdout. */
export function git(repoDir: string, args: readonly string[], maxBuffer = 256 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-C', repoDir, ...args], { maxBuffer, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) {
        reject(new GitError(`git ${args.join(' ')} failed: ${stderr.trim() || error.message}`, { cause: error }));
        return;
      }
      resolve(stdout);
    });
  });
}

/** The repository's top-level directory, or undefined when `dir` is not inside a git work tree. */
export async function gitTopLevel(dir: string): Promise<string | undefined> {
  try {
    return (await git(dir, ['rev-parse', '--show-toplevel'])).trim();
  } catch {
    return undefined;
  }
}
