# libnlrs: build and install.
#
#   make                         cargo build --release
#   make install                 installs into $(DESTDIR)$(PREFIX) (default /usr/local):
#                                  lib/libnlrs.so.$(VERSION) + libnlrs.so.0, libnlrs.so symlinks,
#                                  lib/libnlrs.a, include/nlrs/netlink/**, lib/pkgconfig/nlrs.pc
#   make install-compat          also the opt-in drop-in dir lib/nlrs-compat/: libnl-3.so.200,
#                                  libnl-genl-3.so.200, libnl-route-3.so.200 (-> libnlrs.so.0) and
#                                  pkgconfig/libnl-{3,genl-3,route-3}.0.pc   (or: make install COMPAT=1)
#   make uninstall               removes what install/install-compat put there
#   make check                   cargo test (Rust, C suite, compat, ABI, install, drop-in)
#   make examples                the C examples in examples-c/
#
# Variables: PREFIX, DESTDIR, LIBDIR, INCLUDEDIR, PKGCONFIGDIR, COMPATDIR, CARGO,
# BUILDDIR (where libnlrs.so/.a are taken from; default target/release),
# NO_BUILD=1 (install what is in BUILDDIR without running cargo; used by tests/install.rs).

PREFIX       ?= /usr/local
LIBDIR       ?= $(PREFIX)/lib
INCLUDEDIR   ?= $(PREFIX)/include
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
COMPATDIR    ?= $(LIBDIR)/nlrs-compat
DESTDIR      ?=
CARGO        ?= cargo
INSTALL      ?= install
TARGET_DIR   ?= $(if $(CARGO_TARGET_DIR),$(CARGO_TARGET_DIR),target)
BUILDDIR     ?= $(TARGET_DIR)/release
COMPAT       ?= 0
NO_BUILD     ?=

VERSION       := $(shell sed -n 's/^version *= *"\(.*\)"/\1/p' Cargo.toml | head -n1)
LIBNL_VERSION := $(shell sed -n 's/^\#define LIBNL_VERSION "\(.*\)"/\1/p' include/netlink/version.h)
SOMAJOR       := 0
# What the staticlib needs besides itself: rustc's `--print native-static-libs` for this crate
# (cargo rustc --release --lib --crate-type staticlib -- --print native-static-libs).
LIBS_PRIVATE  ?= -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc
COMPAT_LIBS   := libnl-3 libnl-genl-3 libnl-route-3
COMPAT_PCS    := libnl-3.0 libnl-genl-3.0 libnl-route-3.0

SED_PC = sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' \
	-e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' -e 's|@VERSION@|$(VERSION)|g' \
	-e 's|@LIBNL_VERSION@|$(LIBNL_VERSION)|g' -e 's|@LIBS_PRIVATE@|$(LIBS_PRIVATE)|g'

.PHONY: all build install install-lib install-compat uninstall check test examples demo clean help

all: build

build:
ifeq ($(NO_BUILD),)
	$(CARGO) build --release
endif

install: install-lib $(if $(filter 1 yes true,$(COMPAT)),install-compat)

install-lib: build
	@test -f $(BUILDDIR)/libnlrs.so || { echo "no $(BUILDDIR)/libnlrs.so (run make)"; exit 1; }
	@test -f $(BUILDDIR)/libnlrs.a || { echo "no $(BUILDDIR)/libnlrs.a (run make)"; exit 1; }
	$(INSTALL) -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(INCLUDEDIR)/nlrs
	$(INSTALL) -m 755 $(BUILDDIR)/libnlrs.so $(DESTDIR)$(LIBDIR)/libnlrs.so.$(VERSION)
	ln -sf libnlrs.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libnlrs.so.$(SOMAJOR)
	ln -sf libnlrs.so.$(SOMAJOR) $(DESTDIR)$(LIBDIR)/libnlrs.so
	$(INSTALL) -m 644 $(BUILDDIR)/libnlrs.a $(DESTDIR)$(LIBDIR)/libnlrs.a
	cd include && find . -name '*.h' | sort | while read -r h; do \
		$(INSTALL) -D -m 644 "$$h" "$(DESTDIR)$(INCLUDEDIR)/nlrs/$$h" || exit 1; \
	done
	$(SED_PC) pkgconfig/nlrs.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/nlrs.pc
	chmod 644 $(DESTDIR)$(PKGCONFIGDIR)/nlrs.pc

install-compat: install-lib
	$(INSTALL) -d $(DESTDIR)$(COMPATDIR)/pkgconfig
	target=$$(realpath -m --relative-to=$(COMPATDIR) $(LIBDIR)/libnlrs.so.$(SOMAJOR)) && \
	for l in $(COMPAT_LIBS); do \
		ln -sf $$target $(DESTDIR)$(COMPATDIR)/$$l.so.200 || exit 1; \
		ln -sf $$target $(DESTDIR)$(COMPATDIR)/$$l.so || exit 1; \
	done
	for p in $(COMPAT_PCS); do \
		$(SED_PC) pkgconfig/$$p.pc.in > $(DESTDIR)$(COMPATDIR)/pkgconfig/$$p.pc || exit 1; \
		chmod 644 $(DESTDIR)$(COMPATDIR)/pkgconfig/$$p.pc; \
	done

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/libnlrs.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libnlrs.so.$(SOMAJOR) \
		$(DESTDIR)$(LIBDIR)/libnlrs.so $(DESTDIR)$(LIBDIR)/libnlrs.a \
		$(DESTDIR)$(PKGCONFIGDIR)/nlrs.pc
	rm -rf $(DESTDIR)$(INCLUDEDIR)/nlrs $(DESTDIR)$(COMPATDIR)

check test:
	$(CARGO) test

examples: build
	$(MAKE) -C examples-c

demo:
	bash scripts/demo.sh

clean:
	$(CARGO) clean
	-$(MAKE) -C examples-c clean

help:
	@sed -n '2,/^$$/s/^# \{0,1\}//p' Makefile
