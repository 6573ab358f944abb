//! The crate's layering: no import cycle between the files of `src/`.
//!
//! Every `crate::…` and `super::…` path in a file (in `use` statements, groups and qualified
//! paths, comments excluded) is an edge to the file of the longest module prefix it names. The
//! test fails with the files of every strongly connected component larger than one file, so a
//! lower layer naming a higher one (the registry naming a cache type, a leaf naming its users)
//! is caught when it is written. Submodule declarations (`mod x;`) are not edges.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Module path (`["ffi", "genl", "ctrl"]`) of every `.rs` file under `src/`.
fn modules(src: &Path) -> BTreeMap<Vec<String>, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in fs::read_dir(&dir).expect("read src") {
            let p = e.expect("dir entry").path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let rel = p.strip_prefix(src).expect("under src").with_extension("");
                let mut parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                if matches!(
                    parts.last().map(String::as_str),
                    Some("mod" | "lib" | "main")
                ) {
                    parts.pop();
                }
                out.insert(parts, p);
            }
        }
    }
    out
}

/// The text without `//` comments (line and doc comments; string contents are kept).
fn strip_comments(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The items of a `{…}` group starting right after its `{`: each item's leading path (a
/// nested group contributes its own items), and the length of the group text.
fn group_items(group: &str) -> (Vec<Vec<String>>, usize) {
    let mut depth = 1;
    let mut end = group.len();
    for (k, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    end = k;
                    break;
                }
            }
            _ => {}
        }
    }
    let body = &group[..end];
    let mut out = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (k, c) in body
        .char_indices()
        .chain(std::iter::once((body.len(), ',')))
    {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                let item = body[start..k].trim();
                start = k + 1;
                if item.is_empty() {
                    continue;
                }
                match item.split_once("::{") {
                    Some((head, inner)) => {
                        let head = path_of(head);
                        for sub in group_items(inner).0 {
                            let mut p = head.clone();
                            if sub.first().map(String::as_str) != Some("self") {
                                p.extend(sub);
                            }
                            out.push(p);
                        }
                    }
                    None => out.push(path_of(item)),
                }
            }
            _ => {}
        }
    }
    (out, end)
}

/// The identifier segments of a `a::b::c` path (up to the first non-path character).
fn path_of(s: &str) -> Vec<String> {
    let mut v = Vec::new();
    for seg in s.trim().split("::") {
        let id: String = seg.chars().take_while(|c| ident_char(*c)).collect();
        if id.is_empty() {
            break;
        }
        let whole = id.len() == seg.len();
        v.push(id);
        if !whole {
            break;
        }
    }
    v
}

/// The module paths a file names through `crate::`.
fn references(text: &str) -> Vec<Vec<String>> {
    prefixed(text, "crate::")
}

/// The paths after every `prefix` (`crate::`, `super::`) in `text`, groups expanded.
fn prefixed(text: &str, prefix: &str) -> Vec<Vec<String>> {
    let mut refs = Vec::new();
    let mut i = 0;
    while let Some(off) = text[i..].find(prefix) {
        let at = i + off;
        i = at + prefix.len();
        if text[..at].chars().last().is_some_and(ident_char) {
            continue;
        }
        let rest = &text[at + prefix.len()..];
        let head = path_of(rest);
        let used: usize = head.iter().map(|s| s.len() + 2).sum();
        match rest.get(used..).filter(|r| r.starts_with('{')) {
            Some(g) => {
                for item in group_items(&g[1..]).0 {
                    let mut p = head.clone();
                    if item.first().map(String::as_str) != Some("self") {
                        p.extend(item);
                    }
                    if !p.is_empty() {
                        refs.push(p);
                    }
                }
            }
            None if !head.is_empty() => refs.push(head),
            None => {}
        }
    }
    refs
}

fn resolve(mods: &BTreeMap<Vec<String>, PathBuf>, path: &[String]) -> Option<Vec<String>> {
    (1..=path.len())
        .rev()
        .map(|k| path[..k].to_vec())
        .find(|p| mods.contains_key(p))
}

/// Tarjan's strongly connected components.
fn cycles(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<Vec<String>>> {
    struct St<'a> {
        edges: &'a BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        index: BTreeMap<&'a Vec<String>, usize>,
        low: BTreeMap<&'a Vec<String>, usize>,
        on: BTreeSet<&'a Vec<String>>,
        stack: Vec<&'a Vec<String>>,
        next: usize,
        out: Vec<Vec<Vec<String>>>,
    }
    fn visit<'a>(st: &mut St<'a>, v: &'a Vec<String>) {
        st.index.insert(v, st.next);
        st.low.insert(v, st.next);
        st.next += 1;
        st.stack.push(v);
        st.on.insert(v);
        if let Some(ws) = st.edges.get(v) {
            for w in ws {
                if !st.index.contains_key(w) {
                    visit(st, w);
                    let lw = st.low[w];
                    let lv = st.low[v];
                    st.low.insert(v, lv.min(lw));
                } else if st.on.contains(w) {
                    let iw = st.index[w];
                    let lv = st.low[v];
                    st.low.insert(v, lv.min(iw));
                }
            }
        }
        if st.low[v] == st.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = st.stack.pop() {
                st.on.remove(w);
                comp.push(w.clone());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                st.out.push(comp);
            }
        }
    }
    let mut st = St {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        on: BTreeSet::new(),
        stack: Vec::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in edges.keys() {
        if !st.index.contains_key(v) {
            visit(&mut st, v);
        }
    }
    st.out
}

fn graph(src: &Path) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let mods = modules(src);
    let mut edges = BTreeMap::new();
    for (m, p) in &mods {
        let text = strip_comments(&fs::read_to_string(p).expect("read source"));
        // `super::x` from module a::b::c names a::b::x.
        let parent = &m[..m.len().saturating_sub(1)];
        let supers = prefixed(&text, "super::").into_iter().map(|r| {
            let mut p = parent.to_vec();
            p.extend(r);
            p
        });
        let set: BTreeSet<Vec<String>> = references(&text)
            .into_iter()
            .chain(supers)
            .filter_map(|r| resolve(&mods, &r))
            .filter(|t| t != m && !t.is_empty())
            .collect();
        edges.insert(m.clone(), set);
    }
    edges
}

#[test]
fn no_import_cycles_in_src() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let edges = graph(&src);
    assert!(edges.len() > 50, "found only {} source files", edges.len());
    let found = cycles(&edges);
    let text: Vec<String> = found
        .iter()
        .map(|c| {
            let names: Vec<String> = c.iter().map(|m| m.join("::")).collect();
            let mut s = format!("cycle of {} files: {}\n", c.len(), names.join(", "));
            for m in c {
                let back: Vec<String> = edges[m]
                    .iter()
                    .filter(|t| c.contains(t))
                    .map(|t| t.join("::"))
                    .collect();
                s.push_str(&format!("    {} -> {}\n", m.join("::"), back.join(", ")));
            }
            s
        })
        .collect();
    assert!(
        found.is_empty(),
        "import cycles in src/:\n{}",
        text.concat()
    );
}

#[test]
fn the_checker_sees_paths_groups_and_cycles() {
    let refs = references(
        "use crate::ffi::{cache::{self, Model}, objhdr::Obj};\nlet x = crate::engine::msg::Message::new();\nmy_crate::x::y",
    );
    assert_eq!(
        refs,
        vec![
            vec!["ffi".to_string(), "cache".into()],
            vec!["ffi".to_string(), "cache".into(), "Model".into()],
            vec!["ffi".to_string(), "objhdr".into(), "Obj".into()],
            vec![
                "engine".to_string(),
                "msg".into(),
                "Message".into(),
                "new".into()
            ],
        ]
    );
    assert_eq!(strip_comments("a // crate::x\nb"), "a \nb");
    let v = |s: &str| vec![s.to_string()];
    let mut e = BTreeMap::new();
    e.insert(v("a"), BTreeSet::from([v("b")]));
    e.insert(v("b"), BTreeSet::from([v("c")]));
    e.insert(v("c"), BTreeSet::from([v("a")]));
    e.insert(v("d"), BTreeSet::from([v("a")]));
    assert_eq!(cycles(&e), vec![vec![v("a"), v("b"), v("c")]]);
}
