/** The lockstep wire protocol (docs/protocol.md) served over streams. */
export { serve, type AnswerSink, type ServeResult } from './server.js';
export { listen, untilClosed, type Listening } from './listen.js';
export { Session, type Implementation } from './session.js';
export { answerLine, answerText, responseJson, responseTo } from './answer-line.js';
export { stepResultJson, FastJsonUnsupported } from './step-result-json.js';
export { LineReader, type Line } from './line-reader.js';
export { readRequest, echoSeq, type ReadResult } from './read-request.js';
export { isValidRequestLine } from './valid-request-line.js';
export { LINE_BYTES_MAX, JSON_DEPTH_MAX, PROTOCOL_VERSION, FORBIDDEN_KEYS, CAPABILITIES } from './limits.js';
