#!/usr/bin/env python3
"""Where a request's CPU time goes, from a dotnet-trace CPU sample converted to speedscope JSON.

Usage: breakdown.py TRACE.speedscope.json CPU_US_PER_REQUEST [LABEL]

Every sample of a busy thread is put in one category: the category of the innermost frame that matches one (so the
time JSON serialization spends inside the cache is serialization, and the cache's own code is the cache). Samples of
waiting threads are left out. Each category's share of the busy samples times the server's measured CPU
time per request gives µs per request. Prints a Markdown table.
"""
import json
import re
import sys

# Parts that own everything below them: a sample with one of these anywhere on its stack is theirs (the audit's
# database write is the audit's cost, not the database's).
OWNERS = [
    ("personal-data audit (its database write included)", r"OneWindow\.Api\.Features\.Audit"),
    ("token validation (OpenIddict, JWT)", r"OpenIddict\.Validation|JsonWebTokenHandler"),
    ("rate limit (counting in Redis or in process)", r"OneWindow\.Api\.Limits\.LimitCounters"),
    ("database (EF Core, Npgsql, SQLite; their socket I/O included)", r"EntityFrameworkCore|Npgsql|Microsoft\.Data\.Sqlite"),
    ("Redis client (its socket I/O included)", r"StackExchange\.Redis"),
    ("OpenAPI document generation (Swashbuckle)", r"Swashbuckle\.AspNetCore\.SwaggerGen"),
]

# A thread that runs while it has nothing to do: the thread pool's and Redis's workers spin before they sleep.
SPINNING = re.compile(r"LowLevelLifoSemaphore|LowLevelSpinWaiter|PortableThreadPool\+WorkerThread\.WorkerThreadStart|Monitor\.Wait|SemaphoreSlim\.WaitCore|WaitHandle\.WaitOne|DedicatedThreadPoolPipeScheduler\.RunWorkLoop|SocketAsyncEngine\.EventLoop")

# (category, pattern over the frame name); the first matching pattern names a frame's category.
CATEGORIES = [
    ("token validation (OpenIddict, JWT)", r"OpenIddict|IdentityModel|JsonWebToken|System\.Security\.Cryptography|Authentication"),
    ("rate limit (counting in Redis or in process)", r"OneWindow\.Api\.Limits|RateLimit"),
    ("Redis client (its socket I/O included)", r"StackExchange\.Redis|Pipelines\.Sockets"),
    ("cache (FusionCache, HybridCache, version tokens)", r"ZiggyCreatures|FusionCache|HybridCache|OneWindow\.Api\.Caching|MemoryCache"),
    ("database (EF Core, Npgsql, SQLite; their socket I/O included)", r"EntityFrameworkCore|Npgsql|Sqlite|System\.Data"),
    ("GraphQL execution (GraphQL.NET)", r"^GraphQL\.|GraphQLParser|OneWindow\.Api\.GraphQL"),
    ("JSON serialization", r"System\.Text\.Json|Utf8JsonWriter"),
    ("logging", r"Microsoft\.Extensions\.Logging|Logger"),
    ("health checks", r"HealthChecks"),
    ("OpenAPI and Swagger UI middleware (passing other requests on)", r"Swashbuckle|OpenApi"),
    ("our endpoints and views", r"^OneWindow\."),
    ("routing, endpoints, middleware (ASP.NET Core)", r"Microsoft\.AspNetCore\.(Routing|Http\.|Builder|Diagnostics|Mvc|HostFiltering|ResponseCompression|Cors|Authorization)|RequestDelegate"),
    ("Kestrel, sockets, HTTP parsing", r"Kestrel|System\.Net\.Sockets|System\.IO\.Pipelines|Microsoft\.AspNetCore\.Server|System\.Net\.Http"),
    ("garbage collection and allocation", r"GC|gc_heap|Allocat|WKS::|SVR::"),
    ("thread pool, tasks, async", r"ThreadPool|System\.Threading|AsyncTaskMethodBuilder|AsyncStateMachine|ExecutionContext"),
    ("JIT and type loading", r"Jit|clrjit|MethodDesc|TypeHandle|PreStub"),
]


def main():
    path, per_request = sys.argv[1], float(sys.argv[2])
    label = sys.argv[3] if len(sys.argv) > 3 else path
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    frames = [frame["name"] for frame in data["shared"]["frames"]]
    compiled = [(name, re.compile(pattern)) for name, pattern in CATEGORIES]
    owners = [(name, re.compile(pattern)) for name, pattern in OWNERS]
    frame_category = []
    for name in frames:
        category = None
        for category_name, pattern in compiled:
            if pattern.search(name):
                category = category_name
                break
        frame_category.append(category)
    totals = {}
    busy = 0.0
    for profile in data["profiles"]:
        if profile.get("type") == "sampled":
            samples, weights = profile["samples"], profile["weights"]
        else:
            # evented profiles: turn open/close events into weighted stacks
            samples, weights = evented_to_samples(profile)
        for stack, weight in zip(samples, weights):
            if not stack:
                continue
            # dotnet-trace's thread-time samples end in a pseudo-frame: CPU_TIME when the thread ran managed code,
            # UNMANAGED_CODE_TIME when it waited or ran native code. Only the first is the request's CPU.
            if frames[stack[-1]] != "CPU_TIME":
                continue
            if len(stack) > 1 and SPINNING.search(frames[stack[-2]]):
                category = "idle threads spinning (thread pool, Redis, sockets)"
            else:
                category = next((name for name, pattern in owners if any(pattern.search(frames[i]) for i in stack)), None)
            for index in reversed(stack):
                if category is not None:
                    break
                if frame_category[index] is not None:
                    category = frame_category[index]
                    break
            category = category or "other"
            totals[category] = totals.get(category, 0.0) + weight
            busy += weight
    print(f"Where the CPU time of one request goes: {label} ({per_request:.0f} µs of server CPU per request)")
    print()
    print("| part | share | µs per request |")
    print("|---|---:|---:|")
    for category, weight in sorted(totals.items(), key=lambda item: -item[1]):
        share = weight / busy if busy else 0
        print(f"| {category} | {share * 100:.1f} % | {share * per_request:.0f} |")
    print()


def evented_to_samples(profile):
    stack, samples, weights, last = [], [], [], None
    for event in profile["events"]:
        at = event["at"]
        if last is not None and stack and at > last:
            samples.append(list(stack))
            weights.append(at - last)
        last = at
        if event["type"] == "O":
            stack.append(event["frame"])
        elif stack:
            stack.pop()
    return samples, weights


if __name__ == "__main__":
    main()
