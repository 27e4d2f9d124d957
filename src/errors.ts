// Kernel-visible failures of the device API, named by errno as userspace sees them.
export type Errno = 'EINVAL' | 'EBUSY' | 'E2BIG' | 'ENOSPC' | 'EIO' | 'ENOMEM' | 'EACCES' | 'ENODEV' | 'EBADF' | 'ENOENT' | 'ERANGE' | 'EPROTO' | 'EFAULT';

export class ZramError extends Error {
  constructor(readonly errno: Errno, message: string) {
    super(`${errno}: ${message}`);
    this.name = 'ZramError';
  }
}
