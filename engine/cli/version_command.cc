#include <cstdio>

#include "engine/cli/command.h"

namespace assay::cli {

int RunVersion(CommandArgs) {
  std::printf("assay 0.1.0 (schema assay.v1)\n");
  std::printf("model sets: v4 (ARP, VRP, SVRP, DC-SRP, IIC-SRP, CSRP, OGRS3; MST, OPD, PNI, LDS),\n");
  std::printf("            legacy (OGRS3, OGP, OVP, OSP/DC, OSP/IIC, SNSV, RSR)\n");
  std::printf("review policies: ns2011 (default), ns2007\n");
  return 0;
}

}  // namespace assay::cli
