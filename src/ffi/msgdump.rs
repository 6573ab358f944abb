//! `netlink/msg.h`: nl_msg_dump and the message-type / flag string helpers.
