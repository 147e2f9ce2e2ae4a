//! `lossatlas serve` and `lossatlas site`: the web atlas from the command line.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_lossatlas"))
}

#[test]
fn site_writes_the_static_atlas() {
    let dir = std::env::temp_dir().join(format!("lossatlas-cli-site-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = bin().args(["site", "--out"]).arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("pages"));
    assert!(dir.join("index.html").is_file() && dir.join("entry/cross-entropy.html").is_file() && dir.join("plot/cross-entropy.svg").is_file());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn serve_answers_on_the_port_it_prints() {
    let mut child = bin().args(["serve", "--port", "0"]).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr = line.split("http://").nth(1).and_then(|r| r.split('/').next()).unwrap_or_else(|| panic!("no address in {line:?}")).to_string();
    let mut s = TcpStream::connect(&addr).unwrap();
    write!(s, "GET /api/entries/cross-entropy HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
    assert!(resp.contains("\"id\":\"cross-entropy\""));
}

#[test]
fn serve_reports_a_port_in_use() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = bin().args(["serve", "--port", &port]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot serve"));
}
