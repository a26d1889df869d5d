/** Recognitions (认定/公告): validity periods and public masking. Pure; shared by the server and the browser. */
export * from './validity';
export * from './mask';
