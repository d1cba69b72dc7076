#!/bin/bash
# Replays a recorded device description (nvidia-smi/<gpu>/, README there) as nvidia-smi would answer.
d="${NVIDIA_SMI_FIXTURE:?set NVIDIA_SMI_FIXTURE to a directory of nvidia-smi/}"
case "$*" in
  *compute_cap*) if [ -f "$d/compute_cap.csv" ]; then cat "$d/compute_cap.csv"
                 else echo 'Field "compute_cap" is not a valid field to query.'; exit 2; fi ;;
  *memory.total*) cat "$d/memory.csv" ;;
  *driver_version*) cat "$d/driver.csv" ;;
  *) cat "$d/nvidia-smi.txt" ;;
esac
