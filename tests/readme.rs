//! The README's rule table is generated from the rules themselves, so it
//! cannot drift: this test fails when it is stale, and rewrites it when run
//! with `UPDATE_README=1`.

use std::path::Path;

use pymod_rules::ALL_RULES;

const START: &str = "<!-- rules-table:start -->\n";
const END: &str = "<!-- rules-table:end -->";

fn rules_table() -> String {
    let mut table = String::from(
        "| rule | group | minimum version | what it does |\n| --- | --- | --- | --- |\n",
    );
    for rule in ALL_RULES {
        let meta = rule.meta();
        let default = if meta.default_enabled {
            ""
        } else {
            " (off unless selected)"
        };
        table.push_str(&format!(
            "| `{}` | {}{} | {}+ | {} |\n",
            meta.name,
            meta.group,
            default,
            meta.min_version,
            meta.summary().replace('|', "\\|")
        ));
    }
    table
}

#[test]
fn readme_rule_table_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let start = readme.find(START).expect("rules-table start marker") + START.len();
    let end = readme.find(END).expect("rules-table end marker");
    let expected = rules_table();
    if readme[start..end] == expected {
        return;
    }
    if std::env::var("UPDATE_README").is_ok_and(|v| v == "1") {
        let updated = format!("{}{}{}", &readme[..start], expected, &readme[end..]);
        std::fs::write(&path, updated).expect("write README.md");
        return;
    }
    panic!("README.md's rule table is stale: run `UPDATE_README=1 cargo test --test readme`");
}
