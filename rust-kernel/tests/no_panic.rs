//! Arbitrary bytes and random lines never panic the server, and every line gets exactly one
//! response. A seeded xorshift generator keeps runs reproducible (the failing seed is printed).

use lockstep_kernel::protocol::server::serve;
use lockstep_kernel::protocol::session::Session;

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "{", "}", "[", "]", ",", ":", "\"", "\\u", "d800", "\\ud83d\\ude00", "1e400", "-0", "1.0", "9007199254740993", "null",
    "true", "\"op\"", "\"seq\"", "\"hello\"", "\"configure\"", "\"intent\"", "\"venue_event\"", "\"action\"", "\"ENTER\"",
    "\"kind\"", "\"FILL\"", "\"__proto__\"", "\"protocol_version\"", "\"1.0\"", " ", "\r", "\u{feff}", "é", "\u{10000}",
];

const SESSION: &[&str] = &[
    r#"{"op":"hello","seq":1,"protocol_version":"1.0"}"#,
    r#"{"op":"configure","seq":2,"config":{"slot_count":2,"seed_capital":1000,"seen_event_ids_max":2,"reconcile_tolerance":0.01,"exchange":{"taker_rate":0.0005,"maker_rate":0.0002,"fee_calibration_alpha":0.1},"control":{"mode":"live","verbosity":"DEBUG"}}}"#,
    r#"{"op":"intent","seq":3,"intent":{"action":"ENTER","intent_id":"i1","ts":1,"slot_id":0,"trade_id":"t1","asset":"BTC","side":"SHORT","order_type":"LIMIT","limit_price":5,"target_size":2,"leverage":1,"exit_leg_ratios":[0.3,0.7]}}"#,
];

fn run(input: &[u8]) -> Vec<u8> {
    let mut session = Session::new();
    let mut output = Vec::new();
    serve(&mut session, &mut &input[..], &mut output).expect("in-memory I/O cannot fail");
    output
}

fn random_line(rng: &mut XorShift) -> Vec<u8> {
    match rng.below(3) {
        0 => (0..rng.below(64)).map(|_| rng.next() as u8).filter(|&b| b != b'\n').collect(),
        1 => (0..rng.below(40)).flat_map(|_| PIECES[rng.below(PIECES.len())].bytes()).collect(),
        _ => {
            let mut line = SESSION[rng.below(SESSION.len())].as_bytes().to_vec();
            for _ in 0..rng.below(4) {
                let at = rng.below(line.len() + 1);
                let piece = PIECES[rng.below(PIECES.len())].as_bytes();
                line.splice(at..at, piece.iter().copied());
            }
            line
        }
    }
}

#[test]
fn random_lines_get_one_response_each_and_never_panic() {
    let iterations: u64 = std::env::var("LOCKSTEP_FUZZ_ITERATIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(3000);
    for seed in 1..=iterations {
        let mut rng = XorShift(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
        let mut input = Vec::new();
        let lines = 1 + rng.below(12);
        for index in 0..lines {
            if index < SESSION.len() && rng.below(2) == 0 {
                input.extend_from_slice(SESSION[index].as_bytes());
            } else {
                input.extend_from_slice(&random_line(&mut rng));
            }
            input.push(b'\n');
        }
        let output = run(&input);
        let answered = output.iter().filter(|&&b| b == b'\n').count();
        // A bye ends the session early; otherwise one response per line.
        let bye = output.windows(10).any(|w| w == br#""op":"bye""#);
        let expected_ok = if bye { answered <= lines } else { answered == lines };
        assert!(expected_ok, "seed {seed}: {lines} lines, {answered} responses; input {:?}", String::from_utf8_lossy(&input));
        for response in output.split(|&b| b == b'\n').filter(|r| !r.is_empty()) {
            let value: serde_json::Value = serde_json::from_slice(response).unwrap_or_else(|e| panic!("seed {seed}: response not JSON: {e}"));
            assert!(value["op"].is_string(), "seed {seed}: response without op");
        }
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    for seed in 1..=500u64 {
        let mut rng = XorShift(seed | 1);
        let input: Vec<u8> = (0..rng.below(4096)).map(|_| rng.next() as u8).collect();
        let lines = input.iter().filter(|&&b| b == b'\n').count() + usize::from(input.last().is_some_and(|&b| b != b'\n'));
        let output = run(&input);
        assert_eq!(output.iter().filter(|&&b| b == b'\n').count(), lines, "seed {seed}");
    }
}

#[test]
fn deep_and_long_lines_are_named_not_crashed() {
    let deep = "[".repeat(200_000) + &"]".repeat(200_000) + "\n";
    let out = String::from_utf8(run(deep.as_bytes())).unwrap_or_default();
    assert!(out.contains("DEPTH_LIMIT_EXCEEDED"), "{out}");
    let unbalanced = "[".repeat(1_000_000) + "\n";
    let out = String::from_utf8(run(unbalanced.as_bytes())).unwrap_or_default();
    assert!(out.contains("INVALID_JSON"), "{out}");
    let long = "\"".to_owned() + &"a".repeat(8 * 1024 * 1024 + 2) + "\"\n{}\n";
    let out = String::from_utf8(run(long.as_bytes())).unwrap_or_default();
    assert!(out.starts_with(r#"{"error":{"category":"syntax","code":"LINE_TOO_LONG","line":1"#), "{}", &out[..out.len().min(300)]);
    assert!(out.contains(r#""line":2"#), "the line after a long line is answered");
}
