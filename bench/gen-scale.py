#!/usr/bin/env python3
"""Writes the inputs of bench/scale-inputs.sh (nothing is downloaded):

  OUT/events/vm-app01/spp-events.xml   EVENTS Security-SPP records as event XML (wevtutil shape)
  OUT/cluster/hv-node01/...            a cluster of 64 nodes and OBJECTS VMs: Get-ClusterNode,
                                       Get-ClusterGroup, Get-ClusterOwnerNode, Get-VM and
                                       Get-VMIntegrationService as ConvertTo-Json, one object
                                       of each kind per VM, plus each node's CIM licensing.

  gen-scale.py OUT EVENTS OBJECTS
"""
import json
import os
import sys

out, events, objects = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

ev_dir = os.path.join(out, "events", "vm-app01")
os.makedirs(ev_dir, exist_ok=True)
with open(os.path.join(ev_dir, "spp-events.xml"), "w", encoding="utf-8") as f:
    f.write("<Events>\n")
    for i in range(events):
        eid, qual, data = [
            ("12309", "16384", "<Data>0xC004FD02</Data><Data>HV-NODE03</Data>"),
            ("8198", "49152", "<Data>hr=0xC004F074</Data><Data>RuleId=1</Data>"),
            ("12309", "16384", "<Data>0x0</Data><Data>HV-NODE01</Data>"),
        ][i % 3]
        sec = i % 60
        minute = (i // 60) % 60
        hour = (i // 3600) % 24
        f.write(
            "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
            "<Provider Name='Microsoft-Windows-Security-SPP'/>"
            f"<EventID Qualifiers='{qual}'>{eid}</EventID><Level>4</Level>"
            f"<TimeCreated SystemTime='2026-11-28T{hour:02}:{minute:02}:{sec:02}.0000000Z'/>"
            f"<EventRecordID>{1000 + i}</EventRecordID><Channel>Application</Channel>"
            f"<Computer>VM-APP01</Computer></System><EventData>{data}</EventData></Event>\n"
        )
    f.write("</Events>\n")

nodes = [f"HV-NODE{n:02}" for n in range(1, 65)]
vms = [f"VM-{i:06}" for i in range(objects)]
kvp = "2A34B1C2-FD73-4043-8A5B-DD2159BC743F"
first = os.path.join(out, "cluster", nodes[0].lower())
os.makedirs(first, exist_ok=True)


def dump(path, value):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=1)


dump(os.path.join(first, "cluster-nodes.json"),
     [{"Name": n, "State": 0, "NodeWeight": 1, "DynamicWeight": 1} for n in nodes])
dump(os.path.join(first, "cluster-groups.json"),
     [{"Name": v, "OwnerNode": nodes[i % 64], "State": 0, "GroupType": 111}
      for i, v in enumerate(vms)])
dump(os.path.join(first, "owner-nodes.json"),
     [{"ClusterObject": v, "OwnerNodes": nodes[: 2 + i % 8]} for i, v in enumerate(vms)])
dump(os.path.join(first, "vms.json"),
     [{"VMName": v, "VMId": f"{i:08x}-0000-4000-8000-000000000000", "State": "Running",
       "Generation": 2, "ComputerName": nodes[i % 64]} for i, v in enumerate(vms)])
dump(os.path.join(first, "integration-services.json"),
     [{"VMName": v, "Name": "Key-Value Pair Exchange",
       "Id": f"Microsoft:{i:08X}-0000-4000-8000-000000000000\\{kvp}", "Enabled": True,
       "PrimaryStatusDescription": "OK"} for i, v in enumerate(vms)])
for n in nodes:
    d = os.path.join(out, "cluster", n.lower())
    os.makedirs(d, exist_ok=True)
    dump(os.path.join(d, "computerinfo.json"),
         {"CsName": n, "WindowsEditionId": "ServerDatacenter", "OsBuildNumber": "20348",
          "OsProductType": 3})
    dump(os.path.join(d, "slp.json"),
         [{"Name": "Windows(R), ServerDatacenter edition", "LicenseStatus": 1,
           "PartialProductKey": "WX4NM", "ProductKeyChannel": "OEM:DM",
           "GracePeriodRemaining": 0, "PSComputerName": n,
           "ApplicationID": "55c92734-d682-4d71-983e-d6ec3f16059f"}])
