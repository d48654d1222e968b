//! A small writer of valid Windows event log (.evtx) files, for tests and benchmarks.
//!
//! It writes what a reader needs and no more: the 4 KiB file header, 64 KiB chunks with their
//! 512-byte headers, records, and the three CRC32s (file header, chunk header, chunk records).
//! Each record is a BinXML fragment holding a TemplateInstance with its template definition
//! inline, shaped like the classic events Windows writes for the Security-SPP provider: the
//! provider name, channel and computer are literal text of the template; Level, EventID,
//! Qualifiers, TimeCreated and EventRecordID are typed substitutions; every EventData value is
//! an unnamed `<Data>` string substitution. Names are written inline (no string table), so the
//! chunk's string and template tables stay zero, which the format allows.
//!
//! Written from the format's public description (libyal's EVTX document); the output is checked
//! by reading it back with the `evtx` crate in this crate's tests.

pub const FILE_HEADER: usize = 4096;
pub const CHUNK: usize = 65536;
const CHUNK_HEADER: usize = 512;

/// One event to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub provider: String,
    pub event_id: u16,
    /// Classic events carry Qualifiers (16384 informational, 49152 error).
    pub qualifiers: Option<u16>,
    /// 2 error, 3 warning, 4 information.
    pub level: u8,
    /// Seconds since the Unix epoch.
    pub unix_time: i64,
    pub channel: String,
    pub computer: String,
    /// Unnamed `<Data>` values, in order.
    pub data: Vec<String>,
}

impl Event {
    /// A Security-SPP event in the Application log.
    pub fn spp(event_id: u16, computer: &str, unix_time: i64, data: &[&str]) -> Event {
        Event {
            provider: "Microsoft-Windows-Security-SPP".into(),
            event_id,
            qualifiers: Some(if matches!(event_id, 8198 | 8200 | 16385) {
                49152
            } else {
                16384
            }),
            level: if matches!(event_id, 8198 | 8200 | 16385) {
                2
            } else {
                4
            },
            unix_time,
            channel: "Application".into(),
            computer: computer.into(),
            data: data.iter().map(|s| s.to_string()).collect(),
        }
    }
}

fn filetime(unix: i64) -> u64 {
    ((unix + 11_644_473_600) as u64).saturating_mul(10_000_000)
}

// BinXML tokens and value types.
const T_EOF: u8 = 0x00;
const T_OPEN: u8 = 0x01;
const T_OPEN_ATTRS: u8 = 0x41;
const T_CLOSE_START: u8 = 0x02;
const T_CLOSE_EMPTY: u8 = 0x03;
const T_END: u8 = 0x04;
const T_VALUE: u8 = 0x05;
const T_ATTR: u8 = 0x06;
const T_ATTR_MORE: u8 = 0x46;
const T_SUBST: u8 = 0x0D;
const T_TEMPLATE: u8 = 0x0C;
const T_FRAGMENT: u8 = 0x0F;
const V_STRING: u8 = 0x01;
const V_UINT8: u8 = 0x04;
const V_UINT16: u8 = 0x06;
const V_UINT64: u8 = 0x0A;
const V_FILETIME: u8 = 0x11;

/// A BinXML buffer that knows its chunk-relative start, so that inline names and template
/// definitions can point at themselves.
struct Bin {
    base: usize,
    b: Vec<u8>,
}

impl Bin {
    fn pos(&self) -> usize {
        self.base + self.b.len()
    }
    fn u8(&mut self, v: u8) {
        self.b.push(v);
    }
    fn u16(&mut self, v: u16) {
        self.b.extend_from_slice(&v.to_le_bytes());
    }
    fn u32(&mut self, v: u32) {
        self.b.extend_from_slice(&v.to_le_bytes());
    }
    fn patch_u32(&mut self, at: usize, v: u32) {
        self.b[at..at + 4].copy_from_slice(&v.to_le_bytes());
    }
    fn utf16(&mut self, s: &str) {
        for u in s.encode_utf16() {
            self.u16(u);
        }
    }
    /// A name, inline: its offset field points just past itself.
    fn name(&mut self, name: &str) {
        let here = self.pos() + 4;
        self.u32(here as u32);
        self.u32(0); // next string in the hash bucket
        let mut h: u32 = 0;
        for u in name.encode_utf16() {
            h = h.wrapping_mul(65599).wrapping_add(u32::from(u));
        }
        self.u16((h & 0xFFFF) as u16);
        self.u16(name.encode_utf16().count() as u16);
        self.utf16(name);
        self.u16(0);
    }
    fn text(&mut self, s: &str) {
        self.u8(T_VALUE);
        self.u8(V_STRING);
        self.u16(s.encode_utf16().count() as u16);
        self.utf16(s);
    }
    fn subst(&mut self, id: u16, ty: u8) {
        self.u8(T_SUBST);
        self.u16(id);
        self.u8(ty);
    }
}

/// Attribute values: literal text or a substitution.
enum AttrValue<'a> {
    Text(&'a str),
    Subst(u16, u8),
}

/// An element inside a template definition: open, attributes, then `body`, then end.
fn element(
    b: &mut Bin,
    name: &str,
    attrs: &[(&str, AttrValue<'_>)],
    body: Option<&dyn Fn(&mut Bin)>,
) {
    b.u8(if attrs.is_empty() {
        T_OPEN
    } else {
        T_OPEN_ATTRS
    });
    b.u16(0xFFFF); // dependency id: present inside template definitions
    let size_at = b.b.len();
    b.u32(0);
    let start = b.b.len();
    b.name(name);
    if !attrs.is_empty() {
        let list_at = b.b.len();
        b.u32(0);
        let list_start = b.b.len();
        for (i, (an, av)) in attrs.iter().enumerate() {
            b.u8(if i + 1 < attrs.len() {
                T_ATTR_MORE
            } else {
                T_ATTR
            });
            b.name(an);
            match av {
                AttrValue::Text(t) => b.text(t),
                AttrValue::Subst(id, ty) => b.subst(*id, *ty),
            }
        }
        let len = (b.b.len() - list_start) as u32;
        b.patch_u32(list_at, len);
    }
    match body {
        Some(f) => {
            b.u8(T_CLOSE_START);
            f(b);
            b.u8(T_END);
        }
        None => b.u8(T_CLOSE_EMPTY),
    }
    let size = (b.b.len() - start) as u32;
    b.patch_u32(size_at, size);
}

// Substitution ids of the template.
const S_LEVEL: u16 = 0;
const S_EVENT_ID: u16 = 1;
const S_QUALIFIERS: u16 = 2;
const S_TIME: u16 = 3;
const S_RECORD_ID: u16 = 4;
const S_DATA: u16 = 5;

/// The BinXML of one record, placed at chunk offset `base`.
fn record_binxml(base: usize, e: &Event, record_id: u64) -> Vec<u8> {
    let mut b = Bin {
        base,
        b: Vec::new(),
    };
    b.u8(T_FRAGMENT);
    b.u8(1);
    b.u8(1);
    b.u8(0);
    b.u8(T_TEMPLATE);
    b.u8(1);
    b.u32(record_id as u32); // template id
    let def_ptr = b.pos() + 4;
    b.u32(def_ptr as u32); // the definition follows inline
    b.u32(0); // next template definition
    b.b.extend_from_slice(&[0x11; 16]); // template GUID
    let dsize_at = b.b.len();
    b.u32(0);
    let dstart = b.b.len();
    b.u8(T_FRAGMENT);
    b.u8(1);
    b.u8(1);
    b.u8(0);
    let n_data = e.data.len();
    let provider = e.provider.clone();
    let channel = e.channel.clone();
    let computer = e.computer.clone();
    let with_qualifiers = e.qualifiers.is_some();
    element(
        &mut b,
        "Event",
        &[(
            "xmlns",
            AttrValue::Text("http://schemas.microsoft.com/win/2004/08/events/event"),
        )],
        Some(&|b: &mut Bin| {
            element(
                b,
                "System",
                &[],
                Some(&|b: &mut Bin| {
                    element(b, "Provider", &[("Name", AttrValue::Text(&provider))], None);
                    if with_qualifiers {
                        element(
                            b,
                            "EventID",
                            &[("Qualifiers", AttrValue::Subst(S_QUALIFIERS, V_UINT16))],
                            Some(&|b: &mut Bin| b.subst(S_EVENT_ID, V_UINT16)),
                        );
                    } else {
                        element(
                            b,
                            "EventID",
                            &[],
                            Some(&|b: &mut Bin| b.subst(S_EVENT_ID, V_UINT16)),
                        );
                    }
                    element(
                        b,
                        "Level",
                        &[],
                        Some(&|b: &mut Bin| b.subst(S_LEVEL, V_UINT8)),
                    );
                    element(
                        b,
                        "TimeCreated",
                        &[("SystemTime", AttrValue::Subst(S_TIME, V_FILETIME))],
                        None,
                    );
                    element(
                        b,
                        "EventRecordID",
                        &[],
                        Some(&|b: &mut Bin| b.subst(S_RECORD_ID, V_UINT64)),
                    );
                    element(b, "Channel", &[], Some(&|b: &mut Bin| b.text(&channel)));
                    element(b, "Computer", &[], Some(&|b: &mut Bin| b.text(&computer)));
                }),
            );
            element(
                b,
                "EventData",
                &[],
                Some(&|b: &mut Bin| {
                    for i in 0..n_data {
                        element(
                            b,
                            "Data",
                            &[],
                            Some(&|b: &mut Bin| b.subst(S_DATA + i as u16, V_STRING)),
                        );
                    }
                }),
            );
        }),
    );
    b.u8(T_EOF);
    let dsize = (b.b.len() - dstart) as u32;
    b.patch_u32(dsize_at, dsize);

    // Instance data: descriptors, then values.
    let mut values: Vec<(u8, Vec<u8>)> = vec![
        (V_UINT8, vec![e.level]),
        (V_UINT16, e.event_id.to_le_bytes().to_vec()),
        (V_UINT16, e.qualifiers.unwrap_or(0).to_le_bytes().to_vec()),
        (V_FILETIME, filetime(e.unix_time).to_le_bytes().to_vec()),
        (V_UINT64, record_id.to_le_bytes().to_vec()),
    ];
    for d in &e.data {
        values.push((
            V_STRING,
            d.encode_utf16().flat_map(|u| u.to_le_bytes()).collect(),
        ));
    }
    b.u32(values.len() as u32);
    for (ty, v) in &values {
        b.u16(v.len() as u16);
        b.u8(*ty);
        b.u8(0);
    }
    for (_, v) in values {
        b.b.extend_from_slice(&v);
    }
    b.u8(T_EOF);
    b.b
}

fn crc(parts: &[&[u8]]) -> u32 {
    let mut h = crc32fast::Hasher::new();
    for p in parts {
        h.update(p);
    }
    h.finalize()
}

struct ChunkBuilder {
    data: Vec<u8>,
    free: usize,
    last_record: usize,
    first_id: u64,
    last_id: u64,
    count: u64,
}

impl ChunkBuilder {
    fn new(first_id: u64) -> ChunkBuilder {
        let mut data = vec![0u8; CHUNK];
        data[..8].copy_from_slice(b"ElfChnk\0");
        ChunkBuilder {
            data,
            free: CHUNK_HEADER,
            last_record: CHUNK_HEADER,
            first_id,
            last_id: first_id,
            count: 0,
        }
    }

    /// Append a record; false when it does not fit.
    fn push(&mut self, e: &Event, id: u64) -> bool {
        let at = self.free;
        let body = record_binxml(at + 24, e, id);
        let size = 24 + body.len() + 4;
        if at + size > CHUNK {
            return false;
        }
        let d = &mut self.data[at..at + size];
        d[0..4].copy_from_slice(&[0x2A, 0x2A, 0, 0]);
        d[4..8].copy_from_slice(&(size as u32).to_le_bytes());
        d[8..16].copy_from_slice(&id.to_le_bytes());
        d[16..24].copy_from_slice(&filetime(e.unix_time).to_le_bytes());
        d[24..24 + body.len()].copy_from_slice(&body);
        d[size - 4..].copy_from_slice(&(size as u32).to_le_bytes());
        self.last_record = at;
        self.free = at + size;
        self.last_id = id;
        self.count += 1;
        true
    }

    fn finish(mut self) -> Vec<u8> {
        let h = &mut self.data;
        h[8..16].copy_from_slice(&self.first_id.to_le_bytes()); // first record number
        h[16..24].copy_from_slice(&self.last_id.to_le_bytes()); // last record number
        h[24..32].copy_from_slice(&self.first_id.to_le_bytes()); // first record id
        h[32..40].copy_from_slice(&self.last_id.to_le_bytes()); // last record id
        h[40..44].copy_from_slice(&128u32.to_le_bytes());
        h[44..48].copy_from_slice(&(self.last_record as u32).to_le_bytes());
        h[48..52].copy_from_slice(&(self.free as u32).to_le_bytes());
        let records_crc = crc(&[&h[CHUNK_HEADER..self.free]]);
        h[52..56].copy_from_slice(&records_crc.to_le_bytes());
        let header_crc = crc(&[&h[..120], &h[128..CHUNK_HEADER]]);
        h[124..128].copy_from_slice(&header_crc.to_le_bytes());
        self.data
    }
}

/// Write an .evtx file holding `events` (record ids from 1), in as many chunks as needed.
pub fn write(events: &[Event]) -> Vec<u8> {
    let mut chunks: Vec<Vec<u8>> = Vec::new();
    let mut cur = ChunkBuilder::new(1);
    let mut id = 1u64;
    for e in events {
        if !cur.push(e, id) {
            let done = std::mem::replace(&mut cur, ChunkBuilder::new(id));
            chunks.push(done.finish());
            // A single record always fits an empty chunk unless its data is huge.
            assert!(cur.push(e, id), "event too large for one chunk");
        }
        id += 1;
    }
    if cur.count > 0 || chunks.is_empty() {
        chunks.push(cur.finish());
    }
    let mut out = vec![0u8; FILE_HEADER];
    out[..8].copy_from_slice(b"ElfFile\0");
    out[8..16].copy_from_slice(&0u64.to_le_bytes());
    out[16..24].copy_from_slice(&((chunks.len() as u64).saturating_sub(1)).to_le_bytes());
    out[24..32].copy_from_slice(&id.to_le_bytes());
    out[32..36].copy_from_slice(&128u32.to_le_bytes());
    out[36..38].copy_from_slice(&1u16.to_le_bytes());
    out[38..40].copy_from_slice(&3u16.to_le_bytes());
    out[40..42].copy_from_slice(&(FILE_HEADER as u16).to_le_bytes());
    out[42..44].copy_from_slice(&(chunks.len() as u16).to_le_bytes());
    let hcrc = crc(&[&out[..120]]);
    out[124..128].copy_from_slice(&hcrc.to_le_bytes());
    for c in chunks {
        out.extend_from_slice(&c);
    }
    out
}
