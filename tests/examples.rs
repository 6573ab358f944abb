//! The network examples (`examples-c/net/*.c`, `examples-c/genl/*.c`) against the running kernel. Each example is built
//! twice, against our headers + `libnlrs.so` and against Debian's libnl-3 (both with
//! `-std=gnu11 -Wall -Wextra -Werror`), and each build runs a shell scenario in its own
//! throw-away network namespace (`unshare -n`, then `ip link set lo up`): the scenario makes
//! changes with `ip`, opens sockets with python3, starts listeners in the background, and prints
//! what the example printed; the test checks expected substrings, rejects any line starting with
//! `FAIL`, and wants exit status 0. The process connector exists only in the initial network
//! namespace, so the proc-events scenario runs there (it only listens and starts `/bin/true`).
//!
//! Needs root (network namespaces, routes, the process connector). Outside CI a non-root run
//! skips with a notice; with `CI=true` nothing is skipped. `NLRS_VALGRIND=1` adds a third run of
//! every scenario with the libnlrs build under valgrind (memory errors or definite leaks make
//! the example exit 66, which the scenarios report as a wrong exit status).

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One scenario: a shell script run with `$EX` (directory of the built examples), `$RUN` (empty
/// or a valgrind command line to put before an example) and `$T` (a scratch directory).
struct Scenario {
    example: &'static str,
    /// Run inside `unshare -n` (all but proc-events).
    netns: bool,
    script: &'static str,
    /// Substrings the combined output must contain.
    expect: &'static [&'static str],
}

/// Shared shell helpers, prepended to every scenario.
const PRELUDE: &str = r#"
exec 2>&1
# wait_for FILE PATTERN: until grep finds PATTERN in FILE (60 s).
wait_for() {
	i=0
	while ! grep -q -- "$2" "$1" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 1200 ]; then
			echo "FAIL: timeout waiting for '$2' in $1:"
			cat "$1"
			return 1
		fi
		sleep 0.05
	done
}
"#;

const NETNS_PRELUDE: &str = "ip link set lo up || echo 'FAIL: ip link set lo up'\n";

const SCENARIOS: &[Scenario] = &[
    Scenario {
        example: "genl-families",
        netns: true,
        script: r#"
$RUN $EX/genl-families > $T/out || echo "FAIL: genl-families exited with $?"
cat $T/out
# nlctrl with its GETFAMILY op (doit + dump) and its notify group, as genl-ctrl-list shows them.
genl-ctrl-list -d > $T/ref 2>/dev/null || true
for fam in $(sed -n 's/^0x[0-9a-f]* \([^ ]*\) version.*/\1/p' $T/ref); do
	grep -q " $fam version" $T/out || echo "FAIL: family $fam (genl-ctrl-list) not listed"
done
"#,
        expect: &[
            "nlctrl resolves to 0x0010",
            "0x0010 nlctrl version 2",
            "op 3 <has-doit,has-dump",
            "grp notify (0x10)",
            "TASKSTATS version 1",
            " 0 mismatches",
        ],
    },
    Scenario {
        example: "taskstats",
        netns: true,
        script: r#"
$RUN $EX/taskstats > $T/out || echo "FAIL: taskstats exited with $?"
cat $T/out
child=$(sed -n 's/^child \([0-9]*\) .*/\1/p' $T/out)
grep -q "^pid $child (.*) taskstats version" $T/out || echo "FAIL: no stats for child $child"
grep -q "write_bytes 1048576\|write_char 1048576" $T/out || echo "FAIL: child's 1 MiB write not accounted"
$RUN $EX/taskstats $$ > $T/out2 || echo "FAIL: taskstats $$ exited with $?"
cat $T/out2
grep -q "^pid $$ (sh) " $T/out2 || echo "FAIL: no stats for pid $$"
$RUN $EX/taskstats 999999999 > $T/out3 2>&1 && echo "FAIL: unknown pid accepted"
cat $T/out3
"#,
        expect: &[
            "family TASKSTATS id 0x",
            "child ",
            "self ",
            "cpu: ac_utime ",
            "cpu_count ",
            "cpu_delay_total ",
            "io: read_bytes ",
            "write_bytes ",
            "blkio_delay_total ",
            "mem: coremem ",
            "virtmem ",
            "hiwater_rss ",
            "hiwater_vm ",
            "TASKSTATS_CMD_GET: ",
        ],
    },
    Scenario {
        example: "link-addr-list",
        netns: true,
        script: r#"
ip link add va type veth peer name vb
ip link set va address 02:00:00:00:00:01 mtu 1400
ip addr add 10.9.8.7/24 dev va
ip addr add 10.0.0.1 peer 10.0.0.2/32 dev vb label vb:1
ip link set va up
$RUN $EX/link-addr-list; echo "rc=$?"
"#,
        expect: &[
            "link 1: lo <UP,LOOPBACK,RUNNING,LOWER_UP> mtu 65536 mac 00:00:00:00:00:00\n",
            ": va <UP,BROADCAST,MULTICAST> mtu 1400 mac 02:00:00:00:00:01\n",
            ": vb <BROADCAST,MULTICAST> mtu 1500 mac ",
            "addr 1: lo inet 127.0.0.1/8 label lo\n",
            ": va inet 10.9.8.7/24 label va\n",
            ": vb inet 10.0.0.1/32 peer 10.0.0.2 label vb:1\n",
            "rc=0\n",
        ],
    },
    Scenario {
        example: "route-add-del",
        netns: true,
        script: r#"
ip link add va type veth peer name vb
ip link set va up
R="$RUN $EX/route-add-del"
$R; echo "noargs rc=$?"
$R add 10.1.2.3 va; echo "add rc=$?"
ip route show 10.1.2.3 | sed 's/^/ip: /'
$R add 10.1.2.3 va; echo "again rc=$?"
$R add 10.1.0.0/16 va; echo "prefix rc=$?"
ip route show 10.1.0.0/16 | sed 's/^/ip: /'
$R add fd00::5 va; echo "v6 rc=$?"
ip -6 route show fd00::5 | sed 's/^/ip6: /'
$R del 10.1.2.3 va; echo "del rc=$?"
ip route show 10.1.2.3 | grep -q . && echo "FAIL: 10.1.2.3 still routed"
$R del 10.1.2.3 va; echo "del-again rc=$?"
$R add 10.1.2.3 nosuchdev; echo "nodev rc=$?"
ip route show 10.1.0.0/16 | grep -q . || echo "FAIL: 10.1.0.0/16 gone"
echo end
"#,
        expect: &[
            "usage: route-add-del add|del ADDRESS[/PREFIX] DEVICE\nnoargs rc=2\n",
            "added 10.1.2.3 dev va: ok\nadd rc=0\n",
            "ip: 10.1.2.3 dev va proto static scope link",
            "route-add-del: add 10.1.2.3 dev va: Object exists (-6)\nagain rc=1\n",
            "added 10.1.0.0/16 dev va: ok\nprefix rc=0\n",
            "ip: 10.1.0.0/16 dev va proto static scope link",
            "added fd00::5 dev va: ok\nv6 rc=0\n",
            "ip6: fd00::5 dev va proto static",
            "deleted 10.1.2.3 dev va: ok\ndel rc=0\n",
            "route-add-del: del 10.1.2.3 dev va: Object not found (-12)\ndel-again rc=1\n",
            "route-add-del: nosuchdev: no such device\nnodev rc=2\n",
            "end\n",
        ],
    },
    Scenario {
        example: "sock-list",
        netns: true,
        // python3 holds a listener, an established pair and an IPv6 listener open while the
        // example runs, then looks for them (with their inode numbers) in its output.
        script: r#"
python3 - "$EX/sock-list" <<'PY'
import os, shlex, socket, subprocess, sys
l = socket.socket()
l.bind(("127.0.0.1", 4242))
l.listen()
c = socket.create_connection(("127.0.0.1", 4242))
a, _ = l.accept()
l6 = socket.socket(socket.AF_INET6)
l6.bind(("::1", 4243))
l6.listen()
cmd = shlex.split(os.environ.get("RUN", "")) + [sys.argv[1]]
r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
print(r.stdout, end="")
print("rc=%d" % r.returncode)
rows = [line.split() for line in r.stdout.splitlines()]
def ino(s):
    return str(os.fstat(s.fileno()).st_ino)
port = c.getsockname()[1]
want = {
    "listen": ["LISTEN", "127.0.0.1:4242", "0.0.0.0:*", "inode", ino(l)],
    "client": ["ESTAB", "127.0.0.1:%d" % port, "127.0.0.1:4242", "inode", ino(c)],
    "server": ["ESTAB", "127.0.0.1:4242", "127.0.0.1:%d" % port, "inode", ino(a)],
    "listen6": ["LISTEN", "[::1]:4243", "[::]:*", "inode", ino(l6)],
}
for name, row in want.items():
    print(("found " if row in rows else "FAIL: missing ") + name + " " + " ".join(row))
print("count ok" if "4 sockets" in r.stdout else "FAIL: socket count")
PY
"#,
        expect: &[
            "State ",
            "rc=0\n",
            "found listen ",
            "found client ",
            "found server ",
            "found listen6 ",
            "count ok\n",
        ],
    },
    Scenario {
        example: "proc-events",
        netns: false,
        script: r#"
$RUN $EX/proc-events -x /bin/sh -c 'exit 3' > $T/x.out; echo "x rc=$?"
sed 's/=[0-9][0-9]*/=N/g; s/status=N$/status/' $T/x.out
grep -q 'status=768$' $T/x.out || echo "FAIL: exit status 3 not reported as 768"
$RUN $EX/proc-events -t 120 > $T/pe.out &
pe=$!
wait_for $T/pe.out listening
/bin/true &
child=$!
wait $child
wait_for $T/pe.out "exit pid=$child "
kill -TERM $pe
wait $pe; echo "listener rc=$?"
grep "pid=$child " $T/pe.out | sed "s/pid=$child /pid=CHILD /"
"#,
        expect: &[
            "x rc=0\n",
            "listening\nfork parent=N child=N\nexec pid=N comm=sh\nexit pid=N status\n",
            "listener rc=0\n",
            "exec pid=CHILD comm=",
            "exit pid=CHILD status=0\n",
        ],
    },
    Scenario {
        example: "usersock",
        netns: true,
        script: r#"
U="$RUN $EX/usersock"
$U > $T/demo.out; echo "demo rc=$?"
sed 's/port [0-9]*/port N/' $T/demo.out
$U recv > $T/rx.out &
rx=$!
wait_for $T/rx.out '^port '
port=$(sed -n 's/^port //p' $T/rx.out)
$U send "$port" "to the receiver"; echo "send rc=$?"
$U send -g 1 "to group one"; echo "mcast rc=$?"
wait $rx; echo "recv rc=$?"
sed 's/port [0-9]*/port N/' $T/rx.out
$U send; echo "usage rc=$?"
"#,
        expect: &[
            "demo rc=0\nunicast from port N: hello, receiver\n\
             multicast group 1 from port N: hello, group 1\n",
            "send rc=0\nmcast rc=0\nrecv rc=0\nport N\nunicast from port N: to the receiver\n\
             multicast group 1 from port N: to group one\n",
            "usage rc=2\n",
        ],
    },
    Scenario {
        example: "uevent-listen",
        netns: true,
        script: r#"
$RUN $EX/uevent-listen > $T/ue.out &
ue=$!
wait_for $T/ue.out listening
ip link add va type veth peer name vb
ip link del va
wait_for $T/ue.out 'event remove@/devices/virtual/net/va$'
wait_for $T/ue.out 'event remove@/devices/virtual/net/vb$'
kill -TERM $ue
wait $ue; echo "rc=$?"
cat $T/ue.out
"#,
        expect: &[
            "rc=0\nlistening\n",
            "event add@/devices/virtual/net/va\n  ACTION=add\n  DEVPATH=/devices/virtual/net/va\n  \
             SUBSYSTEM=net\n  INTERFACE=va\n  IFINDEX=",
            "event add@/devices/virtual/net/vb\n",
            "event remove@/devices/virtual/net/va\n  ACTION=remove\n",
            "  INTERFACE=vb\n",
        ],
    },
    Scenario {
        example: "monitor",
        netns: true,
        script: r#"
$RUN $EX/monitor > $T/mo.out &
mo=$!
wait_for $T/mo.out listening
ip link add va type veth peer name vb
ip addr add 10.1.1.1/24 dev va
ip link set va up
ip link set vb up
ip route add 10.2.0.0/16 via 10.1.1.2
ip route del 10.2.0.0/16
ip addr del 10.1.1.1/24 dev va
ip link del va
wait_for $T/mo.out 'link del va '
wait_for $T/mo.out 'link del vb '
kill -TERM $mo
wait $mo; echo "rc=$?"
cat $T/mo.out
$RUN $EX/monitor -x; echo "usage rc=$?"
"#,
        expect: &[
            "rc=0\nlistening\n",
            "link new va ifindex ",
            "addr new 10.1.1.1/24 dev va\n",
            "route new 10.1.1.1 dev va table local type local\n",
            "route new 10.1.1.0/24 dev va table main type unicast\n",
            "route new 10.2.0.0/16 via 10.1.1.2 dev va table main type unicast\n",
            "route del 10.2.0.0/16 via 10.1.1.2 dev va table main type unicast\n",
            "addr del 10.1.1.1/24 dev va\n",
            "link del va ifindex ",
            "link del vb ifindex ",
            "usage: monitor [-t SECONDS] [-n COUNT]\nusage rc=2\n",
        ],
    },
];

/// Which library a build uses, and whether it runs under valgrind.
#[derive(Clone, Copy, PartialEq)]
enum Variant {
    Libnl,
    Nlrs,
    NlrsValgrind,
}

impl Variant {
    fn name(self) -> &'static str {
        match self {
            Variant::Libnl => "libnl",
            Variant::Nlrs => "nlrs",
            Variant::NlrsValgrind => "nlrs+valgrind",
        }
    }
    /// What the scenarios put before an example (`$RUN`).
    fn prefix(self) -> &'static str {
        match self {
            Variant::NlrsValgrind => VALGRIND_CMD,
            Variant::Libnl | Variant::Nlrs => "",
        }
    }
    fn bin_dir(self, dir: &Path) -> PathBuf {
        match self {
            Variant::Libnl => dir.join("libnl"),
            Variant::Nlrs | Variant::NlrsValgrind => dir.join("nlrs"),
        }
    }
}

const VALGRIND_CMD: &str =
    "valgrind -q --error-exitcode=66 --leak-check=full --errors-for-leak-kinds=definite";

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn can_unshare() -> bool {
    Command::new("unshare")
        .args(["-n", "ip", "link", "set", "lo", "up"])
        .status()
        .is_ok_and(|s| s.success())
}

/// Builds one example against libnl-3 (pkg-config) with the same warning flags as ours.
fn cc_libnl(src: &Path, out: &Path, flags: &[String]) -> Result<(), String> {
    let mut c = Command::new(cc());
    c.args(["-std=gnu11", "-Wall", "-Wextra", "-Werror", "-g"])
        .arg(src)
        .args(flags)
        .arg("-o")
        .arg(out);
    compile(c)
}

fn run_scenario(s: &Scenario, v: Variant, dir: &Path) -> Result<(), String> {
    let tmp = dir.join("runs").join(format!("{}-{}", s.example, v.name()));
    std::fs::create_dir_all(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
    let mut script = String::from(PRELUDE);
    if s.netns {
        script.push_str(NETNS_PRELUDE);
    }
    script.push_str(s.script);
    let mut c = Command::new("timeout");
    c.args(["-k", "5", "300"]);
    if s.netns {
        c.args(["unshare", "-n"]);
    }
    // The binaries' RUNPATH, not cargo's LD_LIBRARY_PATH, picks the library.
    c.args(["sh", "-c", &script])
        .env_remove("LD_LIBRARY_PATH")
        .env("EX", v.bin_dir(dir))
        .env("T", &tmp)
        .env("RUN", v.prefix());
    let o = c.output().map_err(|e| format!("cannot run {c:?}: {e}"))?;
    let out = String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    let mut problems: Vec<String> = s
        .expect
        .iter()
        .filter(|want| !out.contains(*want))
        .map(|want| format!("missing: {want:?}"))
        .collect();
    problems.extend(
        out.lines()
            .filter(|l| l.starts_with("FAIL"))
            .map(str::to_string),
    );
    if !o.status.success() {
        problems.push(format!("scenario script exited with {}", o.status));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}\n--- output ---\n{}",
            problems.join("\n"),
            clip(out.as_bytes(), 30000)
        ))
    }
}

#[test]
fn net_examples() {
    if !is_root() {
        skip_or_fail("examples: the network examples need root (network namespaces, routes)");
        return;
    }
    if !can_unshare() {
        skip_or_fail("examples: `unshare -n` + `ip link set lo up` do not work here");
        return;
    }
    if !have("python3") {
        skip_or_fail("examples: python3 is missing (sock-list scenario)");
        return;
    }
    let e = env();
    let dir = scratch("examples");
    let srcdir = e.root.join("examples-c/net");
    // Generic netlink examples live in examples-c/genl.
    let src_of = |name: &str| {
        let genl = e.root.join(format!("examples-c/genl/{name}.c"));
        if genl.is_file() {
            genl
        } else {
            srcdir.join(format!("{name}.c"))
        }
    };

    let mut variants = Vec::new();
    match pkg_config(&["libnl-3.0", "libnl-genl-3.0"]) {
        Some(flags) => {
            let out = dir.join("libnl");
            std::fs::create_dir_all(&out).expect("mkdir");
            let built: Vec<_> = SCENARIOS
                .iter()
                .map(|s| {
                    let src = src_of(s.example);
                    (
                        format!("{} (libnl build)", s.example),
                        cc_libnl(&src, &out.join(s.example), &flags),
                    )
                })
                .collect();
            report("build", built);
            variants.push(Variant::Libnl);
        }
        None => skip_or_fail("examples: pkg-config libnl-3.0 not found (reference runs)"),
    }
    // The examples need the socket API; without its header libnlrs cannot build them yet.
    if e.root.join("include/netlink/socket.h").is_file() {
        let out = dir.join("nlrs");
        std::fs::create_dir_all(&out).expect("mkdir");
        let built: Vec<_> = SCENARIOS
            .iter()
            .map(|s| {
                let src = src_of(s.example);
                (
                    format!("{} (libnlrs build)", s.example),
                    cc_ours(&src, &out.join(s.example)),
                )
            })
            .collect();
        report("build", built);
        variants.push(Variant::Nlrs);
        if valgrind() && !asan() {
            variants.push(Variant::NlrsValgrind);
        }
    } else {
        skip_or_fail("examples: include/netlink/socket.h missing: libnlrs builds not run");
    }

    let jobs: Vec<(&Scenario, Variant)> = variants
        .iter()
        .flat_map(|v| SCENARIOS.iter().map(move |s| (s, *v)))
        .collect();
    let results = parallel(&jobs, |(s, v)| {
        (
            format!("{} ({})", s.example, v.name()),
            run_scenario(s, *v, &dir),
        )
    });
    report("example", results);
}

/// Every example in examples-c/net and examples-c/genl has a scenario here.
#[test]
fn every_example_has_a_scenario() {
    let e = env();
    let mut missing = Vec::new();
    let mut srcs = c_files(&e.root.join("examples-c/net"));
    srcs.extend(c_files(&e.root.join("examples-c/genl")));
    for src in srcs {
        let stem = src.file_stem().unwrap_or_default().to_string_lossy();
        if !SCENARIOS.iter().any(|s| s.example == stem) {
            missing.push(stem.into_owned());
        }
    }
    assert!(
        missing.is_empty(),
        "examples without a scenario: {missing:?}"
    );
}
