// Tasks an IsolatedPool runs by default: validation of one untrusted file.
export { checkFile } from './validate';
