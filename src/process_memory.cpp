#include "process_memory.h"

#if VIDCOST_HUGE_PAGE_HEAP

#include <link.h>
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <new>

namespace {

// Blocks this large get a mapping of their own from malloc instead of a place in the heap.
constexpr std::size_t kOwnMappingBytes = std::size_t{64} << 20;

// The brk heap below this address has been advised to use huge pages.
std::uintptr_t advised_end = 0;

std::uintptr_t heap_end() { return reinterpret_cast<std::uintptr_t>(sbrk(0)); }

// Each growth of the heap is a new mapping: advise it too.
void advise_growth() {
  const std::uintptr_t end = heap_end();
  if (advised_end == 0 || end <= advised_end) return;
  madvise(reinterpret_cast<void*>(advised_end), end - advised_end, MADV_HUGEPAGE);
  advised_end = end;
}

// A block with a mapping of its own (the quotes of a comparison of a hundred-fold catalog)
// would otherwise be paged 4 KiB at a time: 19 000 page faults for 80 MB.
void advise_own_mapping(void* p, std::size_t size) {
  constexpr std::uintptr_t kPage = 4096;
  const auto at = reinterpret_cast<std::uintptr_t>(p);
  const std::uintptr_t start = at & ~(kPage - 1);
  madvise(reinterpret_cast<void*>(start), at + size - start, MADV_HUGEPAGE);
}

void* allocate(std::size_t size) {
  void* p = std::malloc(size == 0 ? 1 : size);
  if (p == nullptr) throw std::bad_alloc();
  if (size >= kOwnMappingBytes) {
    advise_own_mapping(p, size);
  } else if (reinterpret_cast<std::uintptr_t>(p) + size > advised_end) {
    advise_growth();  // only a block ending past the advised heap can come from a growth
  }
  return p;
}

}  // namespace

// Every C++ allocation comes through here, so growth is seen as it happens (glibc's own
// huge-page tunable must be set in the environment before start, which a command cannot do).
void* operator new(std::size_t size) { return allocate(size); }
void* operator new[](std::size_t size) { return allocate(size); }

namespace vidcost {

namespace {

// Maps the program's code in one call. A short command runs code from all over the binary, and
// on a virtual machine each first touch of a 64 KiB window of it is a page fault of ~20 us: a
// cached compare took about seventy of them. Populating 5 MiB of code at once costs less, paired
// 3 to 5% of the whole run; the read-only data and the writable data fault rarely enough that
// populating them as well was no better.
int populate_program_code(dl_phdr_info* info, std::size_t, void*) {
  if (info->dlpi_name != nullptr && info->dlpi_name[0] != '\0') return 0;  // the program only
  constexpr std::uintptr_t kPage = 4096;
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& segment = info->dlpi_phdr[i];
    if (segment.p_type != PT_LOAD || (segment.p_flags & PF_X) == 0) continue;
    const std::uintptr_t start = (info->dlpi_addr + segment.p_vaddr) & ~(kPage - 1);
    const std::uintptr_t end = info->dlpi_addr + segment.p_vaddr + segment.p_memsz;
    madvise(reinterpret_cast<void*>(start), end - start, MADV_POPULATE_READ);
  }
  return 1;
}

void populate_program(int, char**, char**) { dl_iterate_phdr(populate_program_code, nullptr); }

// Before the C library's and every static constructor, which touch code far apart.
[[gnu::section(".preinit_array"), gnu::used]] void (*const populate_first)(int, char**, char**) = populate_program;

}  // namespace

void prepare_process_memory() {
  constexpr int kMiB = 1 << 20;
  mallopt(M_MMAP_THRESHOLD, static_cast<int>(kOwnMappingBytes));  // large vectors in the heap too
  mallopt(M_TRIM_THRESHOLD, 256 * kMiB);  // giving memory back would split the huge pages
  mallopt(M_TOP_PAD, 32 * kMiB);          // the heap grows in steps of 32 MiB (address space, not memory)
  // malloc writes two headers into a growth before it can be advised: one in front of the
  // block that made it grow and one in front of the free rest. A 2 MiB range with a small
  // page in it stays paged 4 KiB at a time, so both must land below a huge-page boundary:
  // the growth starts just low enough under one for a block larger than what is left of the
  // current heap. The gap below it is address space only: nothing touches it (malloc takes
  // an sbrk of its own for what it is, and carries on above it).
  constexpr std::uintptr_t kHugePage = 2 * kMiB;
  constexpr std::uintptr_t kSmallPage = 4096;
  const std::size_t block = mallinfo2().keepcost + 1;  // keepcost: the size of the current top
  const std::uintptr_t below = (block + 2 * kSmallPage) & ~(kSmallPage - 1);
  const std::uintptr_t end = heap_end();
  std::uintptr_t start = ((end + kHugePage - 1) & ~(kHugePage - 1)) - below;
  while (start < end) start += kHugePage;
  if (sbrk(static_cast<std::intptr_t>(start - end)) == reinterpret_cast<void*>(-1)) return;
  advised_end = start;
  std::free(allocate(block));  // grows the heap now, by the top pad, and advises it
}

}  // namespace vidcost

#else

namespace vidcost {

void prepare_process_memory() {}

}  // namespace vidcost

#endif
