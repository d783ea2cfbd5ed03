//! `--format markdown`: the report to share. Snapshot-tested (insta), and
//! rendered with pulldown-cmark (a CommonMark renderer with GitHub tables)
//! to check that it renders cleanly.
mod common;
use common::*;
use pulldown_cmark::{Options, Parser, html};

fn render(markdown: &str) -> String {
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(markdown, Options::ENABLE_TABLES));
    out
}

fn report(args: &[&str]) -> String {
    stdout_of(salesevo().args(args))
}

#[test]
fn snapshot_of_the_score_report_with_a_roadmap() {
    let md = report(&[
        "score",
        "examples/transition-3-to-4.yaml",
        "--format",
        "markdown",
        "--target",
        "5",
    ]);
    insta::assert_snapshot!(md);
}

#[test]
fn snapshot_of_the_compare_report() {
    let after = std::fs::read_to_string(repo("examples/transition-3-to-4.yaml"))
        .unwrap()
        .replace(
            "csm-onboards-every-customer: 2",
            "csm-onboards-every-customer: 4",
        )
        .replace(
            "automated-nurture-campaigns: 4",
            "automated-nurture-campaigns: 2",
        )
        .replace("2026-11-09", "2027-02-09");
    let (_dir, path) = temp_file("after.yaml", &after);
    let md = stdout_of(
        salesevo()
            .arg("compare")
            .arg(repo("examples/transition-3-to-4.yaml"))
            .arg(&path)
            .args(["--format", "markdown"]),
    );
    insta::assert_snapshot!(md);
}

#[test]
fn the_report_renders_as_headings_tables_lists_and_a_chart() {
    let md = report(&[
        "score",
        "examples/ahead-of-a-missing-foundation.yaml",
        "--format",
        "markdown",
        "--target",
        "8",
    ]);
    let page = render(&md);
    assert!(
        page.starts_with("<h1>Metricly: stage 3 of 8, SaaS 1.0</h1>"),
        "{page}"
    );
    for part in [
        "<h2>Fit per stage</h2>",
        "<h2>Next steps</h2>",
        "<h2>Evidence</h2>",
        "<h2>Skipped foundations</h2>",
        "<h2>Roadmap to stage 8 Customer Happiness</h2>",
    ] {
        assert!(page.contains(part), "missing {part}");
    }
    // One table row per stage plus the header, and the text chart in a code block.
    assert_eq!(page.matches("<tr>").count(), 9, "{page}");
    assert!(page.contains("<pre><code class=\"language-text\">"));
    assert_eq!(page.matches("<ol>").count(), 1);
    // Nothing of the Markdown syntax is left as text.
    let text_only = page.replace("<pre>", "").replace("</pre>", "");
    assert!(!text_only.contains("| "), "a table did not render:\n{page}");
    assert!(!text_only.contains("**"), "bold did not render:\n{page}");
}

#[test]
fn names_cannot_inject_markdown_or_html() {
    let (_dir, path) = temp_file(
        "evil.yaml",
        "organisation: \"Acme | <script>x</script> *bold* [link](http://e.vil)\"\nanswers:\n  owners-sell-personally: 4\n",
    );
    let md = stdout_of(
        salesevo()
            .arg("score")
            .arg(&path)
            .args(["--format", "markdown"]),
    );
    let page = render(&md);
    assert!(!page.contains("<script>"), "{page}");
    assert!(
        !page.contains("<em>bold</em>") && !page.contains("<a "),
        "{page}"
    );
    assert!(
        page.contains("Acme | &lt;script&gt;x&lt;/script&gt; *bold* [link](http://e.vil)"),
        "{page}"
    );
}

#[test]
fn stages_and_questions_render_as_tables() {
    let stages = render(&report(&["stages", "--format", "markdown"]));
    assert_eq!(stages.matches("<tr>").count(), 9, "{stages}");
    let one = render(&report(&["stages", "7", "--format", "markdown"]));
    assert!(
        one.starts_with("<h1>Stage 7 of 8: Data-Driven (Trust the data!?)</h1>"),
        "{one}"
    );
    let questions = render(&report(&["questions", "--format", "markdown"]));
    assert_eq!(questions.matches("<tr>").count(), 39);
}
