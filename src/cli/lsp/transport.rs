//! Messages in and out over standard input and output, framed by `Content-Length` headers.
//! `lsp-server`'s own reader stops at the first message it cannot read; this one answers it
//! with the error JSON-RPC prescribes and reads on, so a client's slip never ends the server.

use std::io::{BufRead, Read, Write};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::thread::JoinHandle;

use lsp_server::{ErrorCode, Message, RequestId};
use serde_json::Value;

/// What the reader hands the server.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A message that could not be read: answered with an error (with the request's id if it
    /// could be found, else `null`) and otherwise ignored.
    Malformed {
        id: Option<RequestId>,
        code: ErrorCode,
        message: String,
    },
}

/// What the writer sends the client.
pub enum Outgoing {
    Message(Message),
    /// An error response with a `null` id: the answer to a message whose id is unknown.
    Error {
        code: ErrorCode,
        message: String,
    },
}

/// Starts the reader (standard input) and the writer (standard output) threads. The reader
/// ends at the end of its input, the writer once every sender is dropped; join the writer to
/// be sure all was written.
pub fn stdio() -> (Receiver<Incoming>, Sender<Outgoing>, JoinHandle<()>) {
    let (in_tx, in_rx) = channel();
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut input = stdin.lock();
        while let Some(incoming) = read(&mut input) {
            if in_tx.send(incoming).is_err() {
                break;
            }
        }
    });
    let (out_tx, out_rx) = channel::<Outgoing>();
    let writer = std::thread::spawn(move || {
        let stdout = std::io::stdout();
        let mut output = stdout.lock();
        for outgoing in out_rx {
            if write(&mut output, outgoing).is_err() {
                break;
            }
        }
    });
    (in_rx, out_tx, writer)
}

fn write(out: &mut impl Write, outgoing: Outgoing) -> std::io::Result<()> {
    match outgoing {
        Outgoing::Message(message) => message.write(out),
        Outgoing::Error { code, message } => {
            let body = serde_json::json!({
                "jsonrpc": "2.0",
                "id": null,
                "error": {"code": code as i32, "message": message},
            })
            .to_string();
            write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
            out.flush()
        }
    }
}

/// The next message, or `None` at the end of the input.
pub fn read(input: &mut impl BufRead) -> Option<Incoming> {
    // A header block without a length: there is no telling where its body ends, so what
    // follows is read as headers until a blank line, then framing starts again.
    let Some(body) = frame(input)? else {
        return Some(Incoming::Malformed {
            id: None,
            code: ErrorCode::ParseError,
            message: "a message without a `Content-Length` header".into(),
        });
    };
    let value: Value = match serde_json::from_slice(&body) {
        Ok(value) => value,
        Err(e) => {
            return Some(Incoming::Malformed {
                id: None,
                code: ErrorCode::ParseError,
                message: format!("the message is not JSON: {e}"),
            })
        }
    };
    let id = value
        .get("id")
        .and_then(|id| serde_json::from_value::<RequestId>(id.clone()).ok());
    Some(match serde_json::from_value::<Message>(value) {
        Ok(message) => Incoming::Message(message),
        Err(_) => Incoming::Malformed {
            id,
            code: ErrorCode::InvalidRequest,
            message: "not a JSON-RPC request, response or notification".into(),
        },
    })
}

/// One frame's body: `Some(None)` for a header block without a usable length, `None` at the
/// end of the input. Header names are read without regard to case; other headers are skipped.
fn frame(input: &mut impl BufRead) -> Option<Option<Vec<u8>>> {
    let mut length = None;
    let mut seen = false;
    loop {
        let mut line = Vec::new();
        if input.read_until(b'\n', &mut line).ok()? == 0 {
            return None;
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim();
        if line.is_empty() {
            if seen {
                break;
            }
            continue;
        }
        seen = true;
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<u64>().ok();
            }
        }
    }
    let Some(length) = length else {
        return Some(None);
    };
    // Read as it comes rather than allocate a length the client may have made up.
    let mut body = Vec::new();
    input.take(length).read_to_end(&mut body).ok()?;
    if (body.len() as u64) < length {
        return None;
    }
    Some(Some(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn all(input: &str) -> Vec<Incoming> {
        let mut reader = std::io::Cursor::new(input.as_bytes().to_vec());
        std::iter::from_fn(|| read(&mut reader)).collect()
    }

    #[test]
    fn reading_goes_on_after_a_bad_message() {
        let good = framed(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#);
        let input = [
            framed("{not json"),
            "X-Junk: 1\r\n\r\n".to_string(),
            framed(r#"{"jsonrpc":"2.0","id":7}"#),
            framed(r#"{"jsonrpc":"2.0","id":8,"params":3}"#),
            good,
        ]
        .concat();
        let read = all(&input);
        let kinds: Vec<String> = read
            .iter()
            .map(|m| match m {
                Incoming::Message(Message::Notification(n)) => n.method.clone(),
                Incoming::Message(_) => "other message".into(),
                Incoming::Malformed { id, code, .. } => format!("{:?} {id:?}", *code as i32),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "-32700 None",
                "-32700 None",
                "-32600 Some(RequestId(I32(7)))",
                "-32600 Some(RequestId(I32(8)))",
                "initialized",
            ]
        );
        // A body cut short by the end of the input, and a length no one could send.
        assert!(all("Content-Length: 10\r\n\r\n{}").is_empty());
        assert!(all("Content-Length: 99999999999999\r\n\r\n{}").is_empty());
    }
}
