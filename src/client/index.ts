export { Client, CLIENT_PENDING_MAX, type ClientOptions, type ClientTransport, type CommitProof } from './client.js'
export { connectClient } from './connect.js'
export * from './errors.js'
