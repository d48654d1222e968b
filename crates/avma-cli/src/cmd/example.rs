//! The built-in example cluster (examples/cluster), embedded so that `avma demo` needs no files.

use avma_diagnose::{diagnose, Diagnosis, Options};
use avma_evidence::detect::read_text;
use avma_evidence::model::{build, MachineInput, Model};

/// (machine folder, file name, content) of every evidence file of the example.
pub const FILES: &[(&str, &str, &str)] = &[
    (
        "hv-node1",
        "cluster-groups.json",
        include_str!("../../../../examples/cluster/hv-node1/cluster-groups.json"),
    ),
    (
        "hv-node1",
        "cluster-nodes.json",
        include_str!("../../../../examples/cluster/hv-node1/cluster-nodes.json"),
    ),
    (
        "hv-node1",
        "computerinfo.json",
        include_str!("../../../../examples/cluster/hv-node1/computerinfo.json"),
    ),
    (
        "hv-node1",
        "integration-services.json",
        include_str!("../../../../examples/cluster/hv-node1/integration-services.json"),
    ),
    (
        "hv-node1",
        "owner-nodes.txt",
        include_str!("../../../../examples/cluster/hv-node1/owner-nodes.txt"),
    ),
    (
        "hv-node1",
        "slp.json",
        include_str!("../../../../examples/cluster/hv-node1/slp.json"),
    ),
    (
        "hv-node2",
        "computerinfo.json",
        include_str!("../../../../examples/cluster/hv-node2/computerinfo.json"),
    ),
    (
        "hv-node2",
        "slp.json",
        include_str!("../../../../examples/cluster/hv-node2/slp.json"),
    ),
    (
        "hv-node3",
        "computerinfo.json",
        include_str!("../../../../examples/cluster/hv-node3/computerinfo.json"),
    ),
    (
        "hv-node3",
        "slp.json",
        include_str!("../../../../examples/cluster/hv-node3/slp.json"),
    ),
    (
        "vm-app01",
        "computerinfo.json",
        include_str!("../../../../examples/cluster/vm-app01/computerinfo.json"),
    ),
    (
        "vm-app01",
        "dism-current-edition.txt",
        include_str!("../../../../examples/cluster/vm-app01/dism-current-edition.txt"),
    ),
    (
        "vm-app01",
        "slp.json",
        include_str!("../../../../examples/cluster/vm-app01/slp.json"),
    ),
    (
        "vm-app01",
        "spp-events.xml",
        include_str!("../../../../examples/cluster/vm-app01/spp-events.xml"),
    ),
];

/// The time the example's evidence was collected (its events are of 2026-11-28).
pub const COLLECTED: &str = "2026-11-28T09:00:00Z";

/// The model of the example cluster, read by the real readers.
pub fn model(cat: &avma_core::Catalog) -> Model {
    let mut inputs: Vec<MachineInput> = Vec::new();
    for (machine, name, text) in FILES {
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        let r = read_text(&format!("examples/cluster/{machine}/{name}"), &lines, cat);
        match inputs.iter_mut().find(|i| i.label == *machine) {
            Some(i) => i.results.push(r),
            None => inputs.push(MachineInput {
                label: machine.to_string(),
                role: None,
                results: vec![r],
            }),
        }
    }
    build(inputs, cat)
}

/// The example's diagnosis, judged at the collection time.
pub fn diagnosis(model: &Model, cat: &avma_core::Catalog) -> Diagnosis {
    let opts = Options {
        now: COLLECTED.parse().ok(),
        ..Options::default()
    };
    diagnose(model, &opts, cat)
}
