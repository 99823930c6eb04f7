//! One protocol session: checks 9 to 12 of docs/protocol.md (seq, handshake, configured) and
//! the dispatch of each op to the kernel. Pure apart from the kernel it owns.

use crate::generated::types::{
    AccountEventResponse, ByeResponse, CalibrateFeeResponse, ConfigureResponse, ControlState, ErrorCode, HelloResponse,
    Implementation, IntentResponse, MarkPriceResponse, ProtocolRequest, ProtocolResponse, ReconcileResponse,
    ResetResponse, RestoreResponse, SnapshotResponse, VenueEventResponse,
};
use crate::kernel::Kernel;

use super::limits::{CAPABILITIES, PROTOCOL_MAJOR, PROTOCOL_VERSION};
use super::protocol_error::Error;

/// The state of one session.
#[derive(Debug, Default)]
pub struct Session {
    last_seq: Option<u64>,
    handshaken: bool,
    kernel: Option<Kernel>,
    /// Set once a bye was answered: the server reads no further.
    pub ended: bool,
}

fn op_of(r: &ProtocolRequest) -> (&'static str, u64) {
    match r {
        ProtocolRequest::HelloRequest(x) => ("hello", x.seq),
        ProtocolRequest::ConfigureRequest(x) => ("configure", x.seq),
        ProtocolRequest::IntentRequest(x) => ("intent", x.seq),
        ProtocolRequest::VenueEventRequest(x) => ("venue_event", x.seq),
        ProtocolRequest::AccountEventRequest(x) => ("account_event", x.seq),
        ProtocolRequest::MarkPriceRequest(x) => ("mark_price", x.seq),
        ProtocolRequest::ReconcileRequest(x) => ("reconcile", x.seq),
        ProtocolRequest::CalibrateFeeRequest(x) => ("calibrate_fee", x.seq),
        ProtocolRequest::SnapshotRequest(x) => ("snapshot", x.seq),
        ProtocolRequest::RestoreRequest(x) => ("restore", x.seq),
        ProtocolRequest::ResetRequest(x) => ("reset", x.seq),
        ProtocolRequest::ByeRequest(x) => ("bye", x.seq),
    }
}

impl Session {
    /// A new session: not handshaken, not configured.
    pub fn new() -> Self {
        Self::default()
    }

    /// Answers a schema-valid request read from line `line`.
    pub fn handle(&mut self, r: ProtocolRequest, line: u64) -> ProtocolResponse {
        let (op, seq) = op_of(&r);
        if let Err(refused) = self.admit(&r, op, seq) {
            return ProtocolResponse::ErrorResponse(refused.into_response(line, Some(seq)));
        }
        match self.dispatch(r) {
            Ok(response) => response,
            Err(error) => ProtocolResponse::ErrorResponse(error.into_response(line, Some(seq))),
        }
    }

    /// Checks 9 to 12; a request passing check 10 becomes the last accepted seq.
    fn admit(&mut self, r: &ProtocolRequest, op: &str, seq: u64) -> Result<(), Error> {
        if let Some(last) = self.last_seq {
            if seq == last {
                return Err(Error::new(ErrorCode::DuplicateSeq, "/seq", &[("seq", &seq.to_string())]));
            }
            if seq < last {
                return Err(Error::new(ErrorCode::SeqOutOfOrder, "/seq", &[("seq", &seq.to_string()), ("last_seq", &last.to_string())]));
            }
        }
        self.last_seq = Some(seq);
        if let ProtocolRequest::HelloRequest(hello) = r {
            let major = hello.protocol_version.split('.').next().and_then(|m| m.parse::<u64>().ok());
            if major != Some(PROTOCOL_MAJOR) {
                return Err(Error::new(
                    ErrorCode::UnsupportedProtocolVersion,
                    "/protocol_version",
                    &[("version", &hello.protocol_version)],
                ));
            }
            return Ok(());
        }
        if !self.handshaken {
            return Err(Error::new(ErrorCode::HandshakeRequired, "", &[("op", op)]));
        }
        let needs_kernel = !matches!(r, ProtocolRequest::ConfigureRequest(_) | ProtocolRequest::RestoreRequest(_) | ProtocolRequest::ByeRequest(_));
        if self.kernel.is_none() && needs_kernel {
            return Err(Error::new(ErrorCode::NotConfigured, "", &[("op", op)]));
        }
        Ok(())
    }

    fn dispatch(&mut self, r: ProtocolRequest) -> Result<ProtocolResponse, Error> {
        use ProtocolRequest as Q;
        use ProtocolResponse as A;
        let not_configured = || Error::new(ErrorCode::InternalError, "", &[("detail", "no kernel although admitted")]);
        Ok(match r {
            Q::HelloRequest(x) => {
                self.handshaken = true;
                A::HelloResponse(HelloResponse {
                    capabilities: CAPABILITIES.iter().map(|c| (*c).to_owned()).collect(),
                    implementation: Implementation {
                        language: "rust".to_owned(),
                        name: "lockstep-kernel".to_owned(),
                        version: env!("CARGO_PKG_VERSION").to_owned(),
                    },
                    protocol_version: PROTOCOL_VERSION.to_owned(),
                    seq: x.seq,
                })
            }
            Q::ConfigureRequest(x) => {
                let kernel = Kernel::new(x.config);
                let state = state_of(&kernel);
                self.kernel = Some(kernel);
                A::ConfigureResponse(ConfigureResponse { control: state.0, seq: x.seq, slot_count: state.1, step: state.2 })
            }
            Q::RestoreRequest(x) => {
                let kernel = Kernel::restore(x.snapshot).map_err(|e| Error::schema(format!("/snapshot{}", e.path), "consistency", &e.message))?;
                let state = state_of(&kernel);
                self.kernel = Some(kernel);
                A::RestoreResponse(RestoreResponse { control: state.0, seq: x.seq, slot_count: state.1, step: state.2 })
            }
            Q::ByeRequest(x) => {
                self.ended = true;
                A::ByeResponse(ByeResponse { seq: x.seq, step: self.kernel.as_ref().map_or(0, Kernel::step) })
            }
            other => {
                let kernel = self.kernel.as_mut().ok_or_else(not_configured)?;
                match other {
                    Q::IntentRequest(x) => A::IntentResponse(IntentResponse { result: kernel.intent(&x.intent), seq: x.seq }),
                    Q::VenueEventRequest(x) => A::VenueEventResponse(VenueEventResponse { result: kernel.venue_event(&x.event), seq: x.seq }),
                    Q::AccountEventRequest(x) => A::AccountEventResponse(AccountEventResponse { result: kernel.account_event(&x.event), seq: x.seq }),
                    Q::MarkPriceRequest(x) => A::MarkPriceResponse(MarkPriceResponse { result: kernel.mark_price(&x), seq: x.seq }),
                    Q::ReconcileRequest(x) => A::ReconcileResponse(ReconcileResponse { result: kernel.reconcile(&x), seq: x.seq }),
                    Q::CalibrateFeeRequest(x) => A::CalibrateFeeResponse(CalibrateFeeResponse { result: kernel.calibrate_fee(&x), seq: x.seq }),
                    Q::SnapshotRequest(x) => A::SnapshotResponse(SnapshotResponse { seq: x.seq, snapshot: kernel.snapshot() }),
                    Q::ResetRequest(x) => {
                        kernel.reset();
                        let state = state_of(kernel);
                        A::ResetResponse(ResetResponse { control: state.0, seq: x.seq, slot_count: state.1, step: state.2 })
                    }
                    _ => return Err(not_configured()),
                }
            }
        })
    }
}

fn state_of(kernel: &Kernel) -> (ControlState, u64, u64) {
    (kernel.config().control.clone(), kernel.config().slot_count, kernel.step())
}
