#!/usr/bin/env python3
"""A stand-in for the Azure CLI in the tests of the deployment scripts: it accepts exactly the
commands and parameters of tests/data/az/reference.txt (Microsoft's reference), refuses anything
else as az does (exit 2, a message on stderr), records every call it accepts as one JSON line in
$AZ_CALLS, and answers the lookups the scripts make with an ARM ID. A call whose words contain
$AZ_FAIL fails (exit 1), as a refused request would."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.environ.get("AZ_REFERENCE", os.path.join(HERE, "..", "data", "az", "reference.txt"))
SUBSCRIPTION = "00000000-0000-0000-0000-000000000000"


def names(field):
    """Parameters as lists of aliases."""
    return [p.split("/") for p in field.split()]


def load():
    commands, global_params = {}, []
    for line in open(REFERENCE, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        if parts[0] == "global":
            global_params = names(parts[1])
        else:
            commands[parts[0]] = (names(parts[2]), names(parts[3]))
    return commands, global_params


def refuse(message):
    sys.stderr.write(f"ERROR: {message}\n")
    sys.exit(2)


def main(argv):
    commands, global_params = load()
    words = []
    for a in argv:
        if a.startswith("-"):
            break
        words.append(a)
    command = None
    for n in range(len(words), 0, -1):
        candidate = "az " + " ".join(words[:n])
        if candidate in commands:
            command, rest = candidate, argv[n:]
            break
    if command is None:
        refuse(f"'{' '.join(words)}' is misspelled or not recognized by the system.")
    required, optional = commands[command]
    known = {alias: aliases[0] for aliases in required + optional + global_params for alias in aliases}
    args, flag = {}, None
    for token in rest:
        if token.startswith("-") and not token[1:2].isdigit():
            if token not in known:
                refuse(f"unrecognized arguments: {token}")
            flag = known[token]
            if flag in args:
                refuse(f"argument {token}: given twice")
            args[flag] = []
        elif flag is None:
            refuse(f"unrecognized arguments: {token}")
        else:
            args[flag].append(token)
    missing = [aliases[0] for aliases in required if aliases[0] not in args]
    if missing:
        refuse(f"the following arguments are required: {', '.join(missing)}")
    check_values(command, args)
    with open(os.environ["AZ_CALLS"], "a", encoding="utf-8") as log:
        log.write(json.dumps({"command": command, "args": args}) + "\n")
    if os.environ.get("AZ_FAIL") and os.environ["AZ_FAIL"] in " ".join(argv):
        sys.stderr.write("ERROR: (the stand-in was told to fail this call)\n")
        sys.exit(1)
    answer(command, args)


def one(args, flag):
    values = args.get(flag, [])
    if len(values) != 1:
        refuse(f"argument {flag}: expected one value, got {values}")
    return values[0]


def check_values(command, args):
    """The values whose form the reference states."""
    if "--advertise-mode" in args and one(args, "--advertise-mode") not in ("ARP", "BGP", "Both"):
        refuse("argument --advertise-mode: invalid choice")
    if "--ip-allocation-method" in args and one(args, "--ip-allocation-method") not in ("Dynamic", "Static"):
        refuse("argument --ip-allocation-method: invalid choice")
    if "--vlan" in args and not 0 <= int(one(args, "--vlan")) <= 4094:
        refuse("argument --vlan: out of range")
    if "--ip-pools" in args:
        pools = json.loads(one(args, "--ip-pools"))
        if not isinstance(pools, list) or not all(isinstance(p, dict) and {"start", "end"} <= set(p) for p in pools):
            refuse("argument --ip-pools: not a list of pools")
    for flag in ("--name", "--resource-group", "--custom-location", "--vnet-id", "--resource-uri", "--load-balancer-name",
                 "--cluster-name", "--node-count", "--control-plane-count", "--control-plane-ip", "--gateway", "--address-prefixes"):
        if flag in args:
            one(args, flag)


def answer(command, args):
    rg = args.get("--resource-group", ["rg"])[0]
    name = args.get("--name", ["x"])[0]
    if command == "az connectedk8s show":
        print(f"/subscriptions/{SUBSCRIPTION}/resourceGroups/{rg}/providers/Microsoft.Kubernetes/connectedClusters/{name}")
    elif command == "az stack-hci-vm network lnet show":
        print(f"/subscriptions/{SUBSCRIPTION}/resourceGroups/{rg}/providers/Microsoft.AzureStackHCI/logicalNetworks/{name}")
    elif command == "az aksarc nodepool list":
        print("[]")


if __name__ == "__main__":
    main(sys.argv[1:])
