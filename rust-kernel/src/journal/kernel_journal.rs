//! The server's journal settings from its command line (twin of kernel-journal.ts).

use crate::journal::durability::{DurabilityPolicy, DEFAULT_DURABILITY};
use crate::journal::journal_format::JOURNAL_CHECKPOINT_INTERVAL;

/// `--journal FILE`, `--durability POLICY`, `--checkpoint-interval K`, `--continues FILE`.
#[derive(Debug, Clone)]
pub struct KernelJournalOptions {
    /// The journal file.
    pub journal: Option<String>,
    /// Durability policy.
    pub policy: DurabilityPolicy,
    /// K.
    pub checkpoint_interval: u64,
    /// A sealed or clean journal the new journal continues (`--continues FILE`).
    pub continues: Option<String>,
}

/// Parses the flags; a usage mistake is a sentence.
pub fn journal_options(args: &[String]) -> Result<KernelJournalOptions, String> {
    let mut out = KernelJournalOptions { journal: None, policy: DEFAULT_DURABILITY, checkpoint_interval: JOURNAL_CHECKPOINT_INTERVAL, continues: None };
    let mut other = false;
    let mut i = 0;
    while i < args.len() {
        let flag = args[i].as_str();
        if !matches!(flag, "--journal" | "--durability" | "--checkpoint-interval" | "--continues") {
            return Err(format!("unexpected argument '{flag}'"));
        }
        let Some(value) = args.get(i + 1) else { return Err(format!("{flag} needs a value")) };
        match flag {
            "--journal" => out.journal = Some(value.clone()),
            "--continues" => {
                out.continues = Some(value.clone());
                other = true;
            }
            "--durability" => {
                out.policy = DurabilityPolicy::from_name(value).ok_or_else(|| format!("--durability must be every, batch or none, not '{value}'"))?;
                other = true;
            }
            _ => {
                out.checkpoint_interval = value
                    .parse::<u64>()
                    .ok()
                    .filter(|k| (2..=1_048_576).contains(k))
                    .ok_or_else(|| format!("--checkpoint-interval must be an integer from 2 to 1048576, not '{value}'"))?;
                other = true;
            }
        }
        i += 2;
    }
    if out.journal.is_none() && other {
        return Err("--durability, --checkpoint-interval and --continues need --journal".to_owned());
    }
    Ok(out)
}
