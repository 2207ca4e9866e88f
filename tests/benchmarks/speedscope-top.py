"""Shares of request-thread samples under each frame, from a dotnet-trace speedscope file
(dotnet-trace collect -p PID --profile dotnet-sampled-thread-time --format Speedscope). Used for docs/performance/cold-pages.md.
Usage: python3 speedscope-top.py FILE.speedscope.json [FRAME-SUBSTRING-EVERY-COUNTED-STACK-HAS] [HOW-MANY]"""
import json, collections, sys
d=json.load(open(sys.argv[1]))
frames=d['shared']['frames']
must=sys.argv[2] if len(sys.argv)>2 else None
incl=collections.Counter(); selfc=collections.Counter(); total=0.0
idle=('Wait','Sleep','epoll','LowLevelLifoSemaphore','Monitor.','SemaphoreSlim','WaitHandle','ThreadNative','Interop+Sys.')
for p in d['profiles']:
    stack=[]; last=None
    for e in p['events']:
        t=e['at']
        if last is not None and stack:
            dt=t-last
            names=[frames[i]['name'] for i in stack]
            top=names[-1]
            if not any(k in top for k in idle) and (must is None or any(must in n for n in names)):
                total+=dt
                for n in set(names): incl[n]+=dt
                selfc[top]+=dt
        last=t
        if e['type']=='O': stack.append(e['frame'])
        else:
            if stack: stack.pop()
print('total busy ms',round(total,1))
for n,w in incl.most_common(int(sys.argv[3]) if len(sys.argv)>3 else 60):
    print(f"{w/total*100:5.1f}% {n[:160]}")
print('--- self')
for n,w in selfc.most_common(25):
    print(f"{w/total*100:5.1f}% {n[:160]}")
