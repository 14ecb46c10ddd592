// Test support: writes the interop records (framing_interop_records.h) with
// the C++ writers, for framing_interop.py to read.
//   framing_interop_writer TFRECORD_OUT DELIMITED_OUT
// Half the records go through AppendFrame, half through BeginFrame/EndFrame,
// so both writers are checked by the independent reader.
#include <cstdio>
#include <fstream>
#include <string>

#include "engine/io/framing.h"
#include "engine/io/framing_interop_records.h"

namespace assay::io::framing {
namespace {

std::string Write(Framing framing) {
  std::string out;
  const std::vector<std::string> records = InteropRecords();
  for (size_t i = 0; i < records.size(); ++i) {
    if (i % 2 == 0) {
      AppendFrame(framing, records[i], &out);
    } else {
      const size_t begin = BeginFrame(framing, &out);
      out.append(records[i]);
      EndFrame(framing, &out, begin);
    }
  }
  return out;
}

bool WriteFile(const char* path, const std::string& bytes) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  file.close();
  return static_cast<bool>(file);
}

}  // namespace
}  // namespace assay::io::framing

int main(int argc, char** argv) {
  using assay::io::framing::Framing;
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s TFRECORD_OUT DELIMITED_OUT\n", argv[0]);
    return 2;
  }
  if (!assay::io::framing::WriteFile(argv[1], assay::io::framing::Write(Framing::kTfRecord)) ||
      !assay::io::framing::WriteFile(argv[2],
                                     assay::io::framing::Write(Framing::kLengthDelimited))) {
    std::fprintf(stderr, "framing_interop_writer: cannot write the output files\n");
    return 1;
  }
  return 0;
}
