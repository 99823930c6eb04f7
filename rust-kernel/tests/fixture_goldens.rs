//! Every fixture under `fixtures/{regressions,corpus,sessions}` runs through the Rust session in
//! process, each line through `protocol::answer_line::answer_line` (what the binary's `serve` does per line),
//! framed as the parity harness frames a fresh session (docs/parity.md, "Sessions"); each
//! response is compared with the fixture's golden `expected` answer: byte for byte on canonical
//! JSON, error responses on op, seq and error.{code,category,line,path,keyword} (not the
//! message, docs/protocol.md), hello responses on op, seq, protocol_version and capabilities.
//! All mismatches are collected before the test fails. `LOCKSTEP_FIXTURES_ROOT` points the run
//! at another fixture root (a folder holding `regressions/`, `corpus/`, `sessions/`).

use std::fmt;
use std::path::{Path, PathBuf};

use lockstep_kernel::canonical::value_to_string;
use lockstep_kernel::protocol::answer_line::{answer_line, Responder};
use lockstep_kernel::protocol::session::Session;
use serde_json::{json, Value};

/// Fixture folders in the harness's run order (src/harness/fixture-file.ts).
const FOLDERS: [&str; 3] = ["regressions", "corpus", "sessions"];
/// The harness's hello (seq 0), as canonical JSON.
const HELLO_LINE: &str = r#"{"client":"lockstep-parity","op":"hello","protocol_version":"1.0","seq":0}"#;
/// Error responses compare on these members (docs/protocol.md, "Parity of error responses").
const ERROR_FIELDS: [&str; 7] = ["/op", "/seq", "/error/code", "/error/category", "/error/line", "/error/path", "/error/keyword"];
/// Hello responses name their implementation; only these members compare (docs/parity.md).
const HELLO_FIELDS: [&str; 4] = ["/op", "/seq", "/protocol_version", "/capabilities"];
/// Characters of a line shown in a report before it is cut.
const SHOWN_CHARS: usize = 240;
/// Mismatches printed in full; the rest are counted per fixture.
const SHOWN_MISMATCHES: usize = 60;

/// One answer that differs from its golden answer (or a fixture that cannot be run).
#[derive(Debug)]
struct Mismatch {
    file: String,
    /// Step index, or `hello` / `configure` for the harness's own lines, or `fixture`.
    step: String,
    seq: Option<u64>,
    reason: String,
    expected: String,
    actual: String,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let seq = self.seq.map_or_else(|| "-".to_owned(), |s| s.to_string());
        let at = first_difference(&self.expected, &self.actual);
        writeln!(f, "{} step {} (seq {}): {}", self.file, self.step, seq, self.reason)?;
        writeln!(f, "    expected: {}", excerpt(&self.expected, at))?;
        write!(f, "    actual:   {}", excerpt(&self.actual, at))
    }
}

/// Byte offset of the first difference of two texts (on a char boundary of both).
fn first_difference(a: &str, b: &str) -> usize {
    let mut at = 0;
    for ((i, x), y) in a.char_indices().zip(b.chars()) {
        if x != y {
            return i;
        }
        at = i + x.len_utf8();
    }
    at
}

/// A line cut to about [`SHOWN_CHARS`] characters around byte `at` (the first difference).
fn excerpt(text: &str, at: usize) -> String {
    let chars = text.chars().count();
    if chars <= SHOWN_CHARS {
        return text.to_owned();
    }
    let at_char = text.get(..at.min(text.len())).map_or(0, |head| head.chars().count());
    let start = at_char.saturating_sub(SHOWN_CHARS / 3).min(chars - SHOWN_CHARS);
    let end = (start + SHOWN_CHARS).min(chars);
    let body: String = text.chars().skip(start).take(end - start).collect();
    let head = if start > 0 { "…" } else { "" };
    let tail = if end < chars { "…" } else { "" };
    format!("{head}{body}{tail} ({} bytes)", text.len())
}

/// The canonical JSON of a value, or a note when it holds a number canonical JSON refuses.
fn canonical(value: &Value) -> String {
    value_to_string(value).unwrap_or_else(|_| format!("<not canonicalisable: {value}>"))
}

/// Compares a response line with its golden answer as the parity harness does. `Err` says what
/// differs; an error response whose message alone differs is not a mismatch.
fn compare_response(expected: &Value, actual: &str) -> Result<(), String> {
    let fields: &[&str] = match expected.get("op").and_then(Value::as_str) {
        Some("error") => &ERROR_FIELDS,
        Some("hello") => &HELLO_FIELDS,
        _ => {
            let golden = value_to_string(expected).map_err(|_| "the golden answer holds a number canonical JSON refuses".to_owned())?;
            if golden == actual {
                return Ok(());
            }
            return Err(format!("canonical JSON differs from byte {}", first_difference(&golden, actual)));
        }
    };
    compare_fields(expected, actual, fields)
}

/// Compares the members at `fields` (JSON pointers) of a golden answer and a response line,
/// each as canonical JSON; a member absent on both sides agrees.
fn compare_fields(expected: &Value, actual: &str, fields: &[&str]) -> Result<(), String> {
    let parsed: Value = serde_json::from_str(actual).map_err(|e| format!("the response is not JSON: {e}"))?;
    for pointer in fields {
        let want = expected.pointer(pointer).map(canonical);
        let got = parsed.pointer(pointer).map(canonical);
        if want != got {
            let show = |v: Option<String>| v.unwrap_or_else(|| "(absent)".to_owned());
            return Err(format!("{pointer}: expected {}, got {}", show(want), show(got)));
        }
    }
    Ok(())
}

/// Base64 as Node's `Buffer.from(text, 'base64')` reads the schema's alphabet: padding optional,
/// a dangling sixth-bit group dropped.
fn decode_base64(text: &str) -> Result<Vec<u8>, String> {
    let body = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(body.len() / 4 * 3 + 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for (index, byte) in body.bytes().enumerate() {
        let sextet = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return Err(format!("byte {byte:#04x} at {index} is not base64")),
        };
        acc = (acc << 6) | u32::from(sextet);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

/// A fresh session fed one line at a time, numbering lines from 1 as the server does.
struct Wire {
    session: Session,
    line: u64,
    out: Vec<u8>,
}

impl Wire {
    fn new() -> Self {
        Self { session: Session::new(), line: 0, out: Vec::new() }
    }

    /// The response line (without its `\n`), or `None` once the session has ended (bye): the
    /// server reads no further then.
    fn send(&mut self, bytes: &[u8]) -> Option<String> {
        if self.session.ended() {
            return None;
        }
        self.line += 1;
        self.out.clear();
        answer_line(&mut self.session, bytes, self.line, &mut self.out);
        let text = String::from_utf8_lossy(&self.out);
        Some(match text.strip_suffix('\n') {
            Some(body) if !body.contains('\n') => body.to_owned(),
            // Not exactly one line: kept whole, so that no golden answer can match it.
            _ => text.into_owned(),
        })
    }
}

/// How a fixture's session opens (docs/parity.md): tag `session-bare` first, as the harness.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opening {
    Standard,
    HelloOnly,
    Bare,
}

fn opening_of(fixture: &Value) -> Opening {
    let tags: Vec<&str> = fixture.get("tags").and_then(Value::as_array).map_or_else(Vec::new, |t| t.iter().filter_map(Value::as_str).collect());
    if tags.contains(&"session-bare") {
        Opening::Bare
    } else if tags.contains(&"session-hello-only") {
        Opening::HelloOnly
    } else {
        Opening::Standard
    }
}

/// The bytes of one step: a request as canonical JSON, a raw step as its decoded base64.
fn step_bytes(step: &Value) -> Result<Vec<u8>, String> {
    match step.get("kind").and_then(Value::as_str) {
        Some("request") => {
            let request = step.get("request").ok_or("a request step without `request`")?;
            value_to_string(request).map(String::into_bytes).map_err(|_| "a request holding a number canonical JSON refuses".to_owned())
        }
        Some("raw") => {
            let bytes = decode_base64(step.get("base64").and_then(Value::as_str).ok_or("a raw step without `base64`")?)?;
            if bytes.contains(&b'\n') {
                return Err("a raw line holds a newline byte; one step is one line".to_owned());
            }
            Ok(bytes)
        }
        _ => Err("a step of unknown kind".to_owned()),
    }
}

/// Whether a step is a `bye` request: the harness sends nothing after it.
fn is_bye(step: &Value) -> bool {
    step.get("kind").and_then(Value::as_str) == Some("request") && step.pointer("/request/op").and_then(Value::as_str) == Some("bye")
}

/// Runs one fixture in a fresh session; returns how many step answers were compared and the
/// mismatches found.
fn run_fixture(file: &str, fixture: &Value) -> (usize, Vec<Mismatch>) {
    let mut mismatches = Vec::new();
    let mut report = |step: String, seq: Option<u64>, reason: String, expected: String, actual: String| {
        mismatches.push(Mismatch { file: file.to_owned(), step, seq, reason, expected, actual });
    };
    let (Some(steps), Some(expected)) =
        (fixture.get("steps").and_then(Value::as_array), fixture.get("expected").and_then(Value::as_array))
    else {
        report("fixture".into(), None, "no `steps` or `expected` array".into(), String::new(), String::new());
        return (0, mismatches);
    };
    let mut wire = Wire::new();
    let opening = opening_of(fixture);
    if opening != Opening::Bare {
        // No golden answer to the harness's hello: its capabilities compare wherever a fixture
        // has a golden hello answer (sessions/).
        let hello = json!({"op": "hello", "seq": 0, "protocol_version": "1.0"});
        let actual = wire.send(HELLO_LINE.as_bytes()).unwrap_or_default();
        if let Err(reason) = compare_fields(&hello, &actual, &["/op", "/seq", "/protocol_version"]) {
            report("hello".into(), Some(0), reason, HELLO_LINE.to_owned(), actual);
        }
    }
    if opening == Opening::Standard {
        let config = fixture.get("config").cloned().unwrap_or(Value::Null);
        let line = canonical(&json!({"config": config, "op": "configure", "seq": 1}));
        let actual = wire.send(line.as_bytes()).unwrap_or_default();
        let answered = serde_json::from_str::<Value>(&actual).ok();
        let op = answered.as_ref().and_then(|v| v.get("op")).and_then(Value::as_str);
        let seq = answered.as_ref().and_then(|v| v.get("seq")).and_then(Value::as_u64);
        if op != Some("configure") || seq != Some(1) {
            report("configure".into(), Some(1), "configure was not answered as configure, seq 1".into(), line, actual);
        }
    }
    let mut compared = 0;
    let mut sent = 0;
    for (index, step) in steps.iter().enumerate() {
        let golden = expected.get(index);
        let seq = step.pointer("/request/seq").or_else(|| golden.and_then(|g| g.get("seq"))).and_then(Value::as_u64);
        let bytes = match step_bytes(step) {
            Ok(bytes) => bytes,
            Err(reason) => {
                report(index.to_string(), seq, reason, String::new(), String::new());
                break;
            }
        };
        sent += 1;
        let answer = wire.send(&bytes);
        compared += 1;
        match (golden, answer) {
            (Some(golden), Some(actual)) => {
                if let Err(reason) = compare_response(golden, &actual) {
                    report(index.to_string(), seq, reason, canonical(golden), actual);
                }
            }
            (Some(golden), None) => {
                report(index.to_string(), seq, "no response: the session had ended".into(), canonical(golden), String::new());
            }
            (None, actual) => {
                report(index.to_string(), seq, "no golden answer for a step that is sent".into(), String::new(), actual.unwrap_or_default());
            }
        }
        if is_bye(step) {
            break;
        }
    }
    for (index, golden) in expected.iter().enumerate().skip(sent) {
        let seq = golden.get("seq").and_then(Value::as_u64);
        report(index.to_string(), seq, "a golden answer for a step that is not sent".into(), canonical(golden), String::new());
    }
    (compared, mismatches)
}

/// `.json` files under `folder`, recursively, each level in name order (as the harness).
fn json_files_under(folder: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(format!("cannot read {}: {e}", folder.display())),
    };
    let mut paths: Vec<PathBuf> = entries.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>().map_err(|e| format!("{}: {e}", folder.display()))?;
    paths.sort();
    for path in paths {
        if path.is_dir() {
            json_files_under(&path, out)?;
        } else if path.extension().is_some_and(|x| x == "json") {
            out.push(path);
        }
    }
    Ok(())
}

/// The fixture root and how its files are named in reports.
fn fixtures_root() -> (PathBuf, String) {
    match std::env::var_os("LOCKSTEP_FIXTURES_ROOT") {
        Some(root) => {
            let root = PathBuf::from(root);
            let label = root.display().to_string();
            (root, label)
        }
        None => (Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("fixtures"), "fixtures".to_owned()),
    }
}

/// Runs every fixture file under `root`: (fixtures, step answers compared, mismatches).
fn run_root(root: &Path, label: &str) -> (usize, usize, Vec<Mismatch>) {
    let mut files = Vec::new();
    let mut mismatches = Vec::new();
    for folder in FOLDERS {
        if let Err(reason) = json_files_under(&root.join(folder), &mut files) {
            mismatches.push(Mismatch { file: format!("{label}/{folder}"), step: "fixture".into(), seq: None, reason, expected: String::new(), actual: String::new() });
        }
    }
    let mut steps = 0;
    for path in &files {
        let name = path.strip_prefix(root).map_or_else(|_| path.display().to_string(), |rel| format!("{label}/{}", rel.display()));
        let fixture = std::fs::read_to_string(path).map_err(|e| e.to_string()).and_then(|text| serde_json::from_str::<Value>(&text).map_err(|e| format!("not JSON: {e}")));
        match fixture {
            Ok(fixture) => {
                let (compared, found) = run_fixture(&name, &fixture);
                steps += compared;
                mismatches.extend(found);
            }
            Err(reason) => mismatches.push(Mismatch { file: name, step: "fixture".into(), seq: None, reason, expected: String::new(), actual: String::new() }),
        }
    }
    (files.len(), steps, mismatches)
}

#[test]
fn every_fixture_gets_its_golden_answers_from_the_rust_session() {
    let (root, label) = fixtures_root();
    let started = std::time::Instant::now();
    let (fixtures, steps, mismatches) = run_root(&root, &label);
    assert!(fixtures > 0, "no fixture files under {label}/{{{}}}: a test that checks nothing is a defect", FOLDERS.join(","));
    assert!(steps > 0, "{fixtures} fixture files under {label} but no step was answered");
    if !mismatches.is_empty() {
        let mut text = String::new();
        for mismatch in mismatches.iter().take(SHOWN_MISMATCHES) {
            text.push_str(&format!("{mismatch}\n"));
        }
        if mismatches.len() > SHOWN_MISMATCHES {
            let mut rest: Vec<(&str, usize)> = Vec::new();
            for mismatch in &mismatches[SHOWN_MISMATCHES..] {
                match rest.last_mut() {
                    Some((file, count)) if *file == mismatch.file => *count += 1,
                    _ => rest.push((&mismatch.file, 1)),
                }
            }
            text.push_str(&format!("... and {} more:\n", mismatches.len() - SHOWN_MISMATCHES));
            for (file, count) in rest {
                text.push_str(&format!("    {file}: {count}\n"));
            }
        }
        let fixtures_hit = {
            let mut files: Vec<&str> = mismatches.iter().map(|m| m.file.as_str()).collect();
            files.dedup();
            files.len()
        };
        panic!("{} mismatches in {fixtures_hit} of {fixtures} fixtures ({steps} steps) under {label}:\n{text}", mismatches.len());
    }
    eprintln!("{fixtures} fixtures, {steps} steps: every answer matches its golden answer ({} ms)", started.elapsed().as_millis());
}

// ---- the comparison itself can fail -------------------------------------------------------

fn error_golden(message: &str) -> Value {
    json!({"op": "error", "seq": 4, "error": {"category": "schema", "code": "SCHEMA_VIOLATION", "keyword": "required", "line": 6, "message": message, "path": "/intent"}})
}

#[test]
fn comparison_reports_a_changed_value_and_ignores_what_parity_ignores() {
    let golden = json!({"op": "mark_price", "seq": 3, "result": {"price": 101.25, "step": 2}});
    let same = r#"{"op":"mark_price","result":{"price":101.25,"step":2},"seq":3}"#;
    assert_eq!(compare_response(&golden, same), Ok(()));
    let changed = r#"{"op":"mark_price","result":{"price":101.26,"step":2},"seq":3}"#;
    assert!(compare_response(&golden, changed).is_err(), "a changed number is a mismatch");
    let reordered = r#"{"seq":3,"op":"mark_price","result":{"price":101.25,"step":2}}"#;
    assert!(compare_response(&golden, reordered).is_err(), "non-canonical bytes are a mismatch");

    let error = canonical(&error_golden("missing property action"));
    assert_eq!(compare_response(&error_golden("missing property action"), &error), Ok(()));
    assert_eq!(compare_response(&error_golden("a different wording entirely"), &error), Ok(()), "the message is for people");
    for (pointer, other) in [
        ("/error/code", json!("INVALID_JSON")),
        ("/error/category", json!("syntax")),
        ("/error/line", json!(7)),
        ("/error/path", json!("")),
        ("/error/keyword", json!("type")),
        ("/seq", json!(5)),
        ("/op", json!("intent")),
    ] {
        let mut golden = error_golden("missing property action");
        if let Some(slot) = golden.pointer_mut(pointer) {
            *slot = other;
        }
        let reason = compare_response(&golden, &error).expect_err(pointer);
        // A golden answer that is no longer an error compares byte for byte.
        assert!(reason.starts_with(pointer) || pointer == "/op", "{pointer}: {reason}");
    }
    let mut without_keyword = error_golden("missing property action");
    without_keyword.pointer_mut("/error").and_then(Value::as_object_mut).map(|e| e.remove("keyword"));
    assert!(compare_response(&without_keyword, &error).is_err(), "a keyword present on one side only is a mismatch");
    assert!(compare_response(&error_golden("x"), "not json").is_err());

    let caps = json!(["bye", "hello"]);
    let hello = json!({"op": "hello", "seq": 0, "protocol_version": "1.0", "capabilities": caps, "implementation": {"language": "typescript"}});
    let rust = r#"{"capabilities":["bye","hello"],"implementation":{"language":"rust"},"op":"hello","protocol_version":"1.0","seq":0}"#;
    assert_eq!(compare_response(&hello, rust), Ok(()), "the implementation does not compare");
    let fewer = r#"{"capabilities":["hello"],"implementation":{"language":"rust"},"op":"hello","protocol_version":"1.0","seq":0}"#;
    assert!(compare_response(&hello, fewer).is_err());
}

/// The first corpus fixture (in run order) with a golden answer of kind `op` satisfying `pick`.
fn corpus_fixture_with(pick: impl Fn(&Value) -> bool) -> (String, Value, usize) {
    let (root, label) = (Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("fixtures"), "fixtures");
    let mut files = Vec::new();
    json_files_under(&root.join("corpus"), &mut files).unwrap_or_else(|e| panic!("{e}"));
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let fixture: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let at = fixture.get("expected").and_then(Value::as_array).and_then(|answers| answers.iter().position(&pick));
        if let Some(at) = at {
            let name = format!("{label}/{}", path.strip_prefix(&root).map_or_else(|_| path.display().to_string(), |p| p.display().to_string()));
            return (name, fixture, at);
        }
    }
    panic!("no corpus fixture has a golden answer of the kind this test alters");
}

/// Adds 1 to the first number under `value` (depth first) that is not its top-level seq.
fn bump_first_number(value: &mut Value, top: bool) -> bool {
    match value {
        Value::Number(n) => {
            *value = json!(n.as_f64().unwrap_or(0.0) + 1.0);
            true
        }
        Value::Array(items) => items.iter_mut().any(|item| bump_first_number(item, false)),
        Value::Object(map) => map.iter_mut().filter(|(key, _)| !(top && key.as_str() == "seq")).any(|(_, item)| bump_first_number(item, false)),
        _ => false,
    }
}

#[test]
fn a_fixture_with_one_golden_number_changed_fails_naming_file_step_and_seq() {
    let is_result = |answer: &Value| answer.get("result").is_some();
    let (file, mut fixture, at) = corpus_fixture_with(is_result);
    let (compared, clean) = run_fixture(&file, &fixture);
    assert!(compared > at && clean.is_empty(), "{file} should pass unaltered: {clean:?}");

    let golden = fixture.pointer_mut(&format!("/expected/{at}/result")).expect("picked for its result");
    assert!(bump_first_number(golden, false), "{file}: no number in expected[{at}].result");
    let seq = fixture.pointer(&format!("/expected/{at}/seq")).and_then(Value::as_u64);
    let (_, found) = run_fixture(&file, &fixture);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].file.as_str(), found[0].step.clone(), found[0].seq), (file.as_str(), at.to_string(), seq));
    let shown = found[0].to_string();
    assert!(shown.contains(&file) && shown.contains(&format!("step {at} ")) && shown.contains("expected: ") && shown.contains("actual: "), "{shown}");
}

#[test]
fn a_golden_error_message_does_not_compare_but_its_code_does() {
    let is_error = |answer: &Value| answer.get("op").and_then(Value::as_str) == Some("error");
    let (file, fixture, at) = corpus_fixture_with(is_error);
    let mut reworded = fixture.clone();
    if let Some(message) = reworded.pointer_mut(&format!("/expected/{at}/error/message")) {
        *message = json!("worded otherwise");
    }
    let (_, found) = run_fixture(&file, &reworded);
    assert!(found.is_empty(), "{found:?}");

    let mut recoded = fixture;
    if let Some(code) = recoded.pointer_mut(&format!("/expected/{at}/error/code")) {
        *code = json!("INTERNAL_ERROR");
    }
    let (_, found) = run_fixture(&file, &recoded);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].step, at.to_string());
    assert!(found[0].reason.starts_with("/error/code"), "{}", found[0].reason);
}

#[test]
fn a_fixture_whose_golden_answers_do_not_line_up_with_its_steps_fails() {
    let (file, mut fixture, _) = corpus_fixture_with(|_| true);
    let extra = json!({"op": "snapshot", "seq": 999});
    if let Some(answers) = fixture.get_mut("expected").and_then(Value::as_array_mut) {
        answers.push(extra);
    }
    let (_, found) = run_fixture(&file, &fixture);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].reason.contains("not sent"), "{}", found[0].reason);
}

#[test]
fn base64_reads_as_node_reads_it() {
    assert_eq!(decode_base64("eyJvcCI6").as_deref(), Ok(&b"{\"op\":"[..]));
    assert_eq!(decode_base64("YQ==").as_deref(), Ok(&b"a"[..]));
    assert_eq!(decode_base64("YQ").as_deref(), Ok(&b"a"[..]));
    assert_eq!(decode_base64("YWI=").as_deref(), Ok(&b"ab"[..]));
    assert_eq!(decode_base64("").as_deref(), Ok(&b""[..]));
    assert_eq!(decode_base64("/+8=").as_deref(), Ok(&[0xff, 0xef][..]));
    assert!(decode_base64("a-b").is_err());
}

#[test]
fn an_excerpt_keeps_the_first_difference_in_view() {
    let long = format!("{}X{}", "a".repeat(1000), "b".repeat(1000));
    let at = first_difference(&long, &long.replace('X', "Y"));
    assert_eq!(at, 1000);
    let shown = excerpt(&long, at);
    assert!(shown.contains('X') && shown.starts_with('…') && shown.ends_with("(2001 bytes)"), "{shown}");
    let near_end = excerpt(&long, 1990);
    assert!(near_end.ends_with("bbb (2001 bytes)") && near_end.chars().count() > SHOWN_CHARS, "{near_end}");
    assert_eq!(excerpt("short", 0), "short");
}
