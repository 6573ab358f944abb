#!/usr/bin/env python3
"""Writes tests/dropin_link/links.pcap: the kernel's RTM_NEWLINK dump of a namespace as a pcap
file of link type LINKTYPE_NETLINK (253, a 16-byte cooked header before each message), with
the port id set to 0x7ffffff0 and the sequence number to 7, so that netsniff-ng prints the
same text anywhere. Made once, as root, in a namespace set up as follows:
    ip link set lo up
    ip link add br0 address 02:00:00:00:00:10 type bridge
    ip link add ifb0 address 02:00:00:00:00:30 type ifb
    ip link set ifb0 master br0
    ip link set ifb0 up
    ip tuntap add tap0 mode tap
    ip link set dev tap0 address 02:00:00:00:00:40
    ip link set tap0 mtu 1400
    python3 make-links-pcap.py links.pcap
"""
import socket
import struct
import sys

s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
s.bind((0, 0))
# RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, seq 7, then a struct ifinfomsg
s.send(struct.pack("=IHHII", 32, 18, 0x301, 7, 0) + struct.pack("=BxHiII", 0, 0, 0, 0, 0))
msgs = []
done = False
while not done:
    d = s.recv(65536)
    off = 0
    while off < len(d):
        ln, ty = struct.unpack_from("=IH", d, off)
        if ty == 3:
            done = True
            break
        m = bytearray(d[off:off + ln])
        m[12:16] = (0x7FFFFFF0).to_bytes(4, "little")
        msgs.append(bytes(m))
        off += (ln + 3) & ~3
with open(sys.argv[1], "wb") as out:
    out.write(struct.pack("=IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 253))
    for i, m in enumerate(msgs):
        # cooked header: packet type 0, ARPHRD_NETLINK (824), no address, protocol NETLINK_ROUTE
        pkt = struct.pack(">HHH8sH", 0, 824, 0, b"\0" * 8, 0) + m
        out.write(struct.pack("=IIII", 1700000000 + i, 0, len(pkt), len(pkt)))
        out.write(pkt)
