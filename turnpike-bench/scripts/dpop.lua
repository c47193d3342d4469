-- wrk script: each request carries the delegated token and a DPoP proof of its own, read from the file
-- $DPOP_PROOFS (one proof a line, written by DelegatedBench just before the run); each wrk thread takes every
-- n-th line. A proof is accepted once: if the file runs out, the proofs come round again and are refused (401).
-- $THREADS must be wrk's thread count (run.sh's THREADS, default 2).
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  local nthreads = tonumber(os.getenv("THREADS") or "2")
  proofs = {}
  local i = 0
  for line in io.lines(os.getenv("DPOP_PROOFS")) do
    if i % nthreads == id then
      proofs[#proofs + 1] = line
    end
    i = i + 1
  end
  next_proof = 1
  authorization = "DPoP " .. os.getenv("DPOP_TOKEN")
end

function request()
  local proof = proofs[next_proof]
  next_proof = next_proof % #proofs + 1
  return wrk.format("GET", nil, { ["Authorization"] = authorization, ["DPoP"] = proof })
end
