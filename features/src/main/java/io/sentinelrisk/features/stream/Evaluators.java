package io.sentinelrisk.features.stream;

import io.sentinelrisk.features.plan.TExpr;
import io.sentinelrisk.features.plan.Ty;

import java.util.List;

/**
 * Compiles a {@link TExpr} into a small tree of evaluator objects for the streaming engine, with
 * exactly the semantics of the SQL that {@code sql.SqlExprs} writes: null (NaN) propagates through
 * arithmetic, {@code x / 0} is null, comparisons and logic are three-valued (1 true, 0 false,
 * -1 unknown), functions return null where SQL would fail.
 */
final class Evaluators {
    static final long NO_TIME = Long.MIN_VALUE;

    private Evaluators() {
    }

    abstract static class Num {
        abstract double eval(Ctx c);
    }

    abstract static class Str {
        abstract String eval(Ctx c);
    }

    /** 1 true, 0 false, -1 unknown. */
    abstract static class Cond {
        abstract int eval(Ctx c);
    }

    static Num num(TExpr e) {
        return switch (e) {
            case TExpr.NumLit n -> {
                double v = n.value();
                yield new Num() {
                    double eval(Ctx c) {
                        return v;
                    }
                };
            }
            case TExpr.NullLit n -> new Num() {
                double eval(Ctx c) {
                    return Double.NaN;
                }
            };
            case TExpr.Input i -> {
                int slot = i.slot();
                yield new Num() {
                    double eval(Ctx c) {
                        return c.nums[slot];
                    }
                };
            }
            case TExpr.Agg a -> {
                int idx = a.index();
                yield new Num() {
                    double eval(Ctx c) {
                        return c.aggs[idx];
                    }
                };
            }
            case TExpr.PrevValue p -> {
                int idx = p.index();
                yield new Num() {
                    double eval(Ctx c) {
                        return c.prevNum[idx];
                    }
                };
            }
            case TExpr.SincePrev p -> {
                int idx = p.index();
                yield new Num() {
                    double eval(Ctx c) {
                        long prev = c.prevTs[idx];
                        return prev == NO_TIME ? Double.NaN : (double) (c.ts - prev) / 1000;
                    }
                };
            }
            case TExpr.Feature f -> {
                int idx = f.index();
                yield new Num() {
                    double eval(Ctx c) {
                        return c.feats[idx];
                    }
                };
            }
            case TExpr.Neg n -> {
                Num x = num(n.operand());
                yield new Num() {
                    double eval(Ctx c) {
                        return -x.eval(c);
                    }
                };
            }
            case TExpr.Arith a -> arith(a.op(), num(a.left()), num(a.right()));
            case TExpr.BoolNum b -> {
                Cond x = cond(b.operand());
                yield new Num() {
                    double eval(Ctx c) {
                        int v = x.eval(c);
                        return v < 0 ? Double.NaN : v;
                    }
                };
            }
            case TExpr.If i -> {
                Cond k = cond(i.cond());
                Num a = num(i.then());
                Num b = num(i.otherwise());
                yield new Num() {
                    double eval(Ctx c) {
                        return k.eval(c) == 1 ? a.eval(c) : b.eval(c);
                    }
                };
            }
            case TExpr.Coalesce co -> {
                Num[] args = co.args().stream().map(Evaluators::num).toArray(Num[]::new);
                yield new Num() {
                    double eval(Ctx c) {
                        for (Num a : args) {
                            double v = a.eval(c);
                            if (!Double.isNaN(v)) {
                                return v;
                            }
                        }
                        return Double.NaN;
                    }
                };
            }
            case TExpr.Fn f -> fn(f.name(), f.args());
            case TExpr.ZScore z -> {
                Num x = num(z.x());
                Num m = num(z.mean());
                Num s = num(z.std());
                yield new Num() {
                    double eval(Ctx c) {
                        double sd = s.eval(c);
                        double mean = m.eval(c);
                        if (!(sd > TExpr.ZERO_STD * Math.max(1.0, Math.abs(mean)))) {
                            return Double.NaN;
                        }
                        return (x.eval(c) - mean) / sd;
                    }
                };
            }
            default -> throw new IllegalStateException("not a number: " + e);
        };
    }

    private static Num arith(char op, Num l, Num r) {
        return switch (op) {
            case '+' -> new Num() {
                double eval(Ctx c) {
                    return l.eval(c) + r.eval(c);
                }
            };
            case '-' -> new Num() {
                double eval(Ctx c) {
                    return l.eval(c) - r.eval(c);
                }
            };
            case '*' -> new Num() {
                double eval(Ctx c) {
                    return l.eval(c) * r.eval(c);
                }
            };
            case '/' -> new Num() {
                double eval(Ctx c) {
                    double a = l.eval(c);
                    double b = r.eval(c);
                    return b == 0 ? Double.NaN : a / b;
                }
            };
            default -> throw new IllegalStateException("operator " + op);
        };
    }

    private static Num fn(String name, List<TExpr> args) {
        Num[] a = args.stream().filter(t -> t.type() != Ty.TIME).map(Evaluators::num).toArray(Num[]::new);
        return switch (name) {
            case "abs" -> new Num() {
                double eval(Ctx c) {
                    return Math.abs(a[0].eval(c));
                }
            };
            case "floor" -> new Num() {
                double eval(Ctx c) {
                    return Math.floor(a[0].eval(c));
                }
            };
            case "ceil" -> new Num() {
                double eval(Ctx c) {
                    return Math.ceil(a[0].eval(c));
                }
            };
            case "sqrt" -> new Num() {
                double eval(Ctx c) {
                    double x = a[0].eval(c);
                    return x >= 0 ? Math.sqrt(x) : Double.NaN;
                }
            };
            case "ln" -> new Num() {
                double eval(Ctx c) {
                    double x = a[0].eval(c);
                    return x > 0 ? Math.log(x) : Double.NaN;
                }
            };
            case "log10" -> new Num() {
                double eval(Ctx c) {
                    double x = a[0].eval(c);
                    return x > 0 ? Math.log10(x) : Double.NaN;
                }
            };
            case "least", "greatest" -> {
                boolean least = name.equals("least");
                yield new Num() {
                    double eval(Ctx c) {
                        double best = a[0].eval(c);
                        if (Double.isNaN(best)) {
                            return Double.NaN;
                        }
                        for (int i = 1; i < a.length; i++) {
                            double v = a[i].eval(c);
                            if (Double.isNaN(v)) {
                                return Double.NaN;
                            }
                            if (least ? v < best : v > best) {
                                best = v;
                            }
                        }
                        return best;
                    }
                };
            }
            case "hour" -> new Num() {
                double eval(Ctx c) {
                    return Math.floorMod(c.ts, 86_400_000L) / 3_600_000L;
                }
            };
            case "day_of_week" -> new Num() {
                double eval(Ctx c) {
                    return Math.floorMod(Math.floorDiv(c.ts, 86_400_000L) + 3, 7L) + 1;
                }
            };
            case "haversine_km" -> new Num() {
                double eval(Ctx c) {
                    double lat1 = a[0].eval(c);
                    double lon1 = a[1].eval(c);
                    double lat2 = a[2].eval(c);
                    double lon2 = a[3].eval(c);
                    double s1 = Math.sin(Math.toRadians(lat2 - lat1) / 2);
                    double s2 = Math.sin(Math.toRadians(lon2 - lon1) / 2);
                    double h = s1 * s1 + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * (s2 * s2);
                    double root = Math.sqrt(h);
                    return 2 * TExpr.EARTH_RADIUS_KM * Math.asin(root > 1 ? 1 : root);
                }
            };
            default -> throw new IllegalStateException("function " + name);
        };
    }

    static Str str(TExpr e) {
        return switch (e) {
            case TExpr.StrLit s -> {
                String v = s.value();
                yield new Str() {
                    String eval(Ctx c) {
                        return v;
                    }
                };
            }
            case TExpr.NullLit n -> new Str() {
                String eval(Ctx c) {
                    return null;
                }
            };
            case TExpr.Input i -> {
                int slot = i.slot();
                yield new Str() {
                    String eval(Ctx c) {
                        return c.strs[slot];
                    }
                };
            }
            case TExpr.PrevValue p -> {
                int idx = p.index();
                yield new Str() {
                    String eval(Ctx c) {
                        return c.prevStr[idx];
                    }
                };
            }
            case TExpr.Feature f -> {
                int idx = f.index();
                yield new Str() {
                    String eval(Ctx c) {
                        return c.featStrs[idx];
                    }
                };
            }
            case TExpr.If i -> {
                Cond k = cond(i.cond());
                Str a = str(i.then());
                Str b = str(i.otherwise());
                yield new Str() {
                    String eval(Ctx c) {
                        return k.eval(c) == 1 ? a.eval(c) : b.eval(c);
                    }
                };
            }
            case TExpr.Coalesce co -> {
                Str[] args = co.args().stream().map(Evaluators::str).toArray(Str[]::new);
                yield new Str() {
                    String eval(Ctx c) {
                        for (Str a : args) {
                            String v = a.eval(c);
                            if (v != null) {
                                return v;
                            }
                        }
                        return null;
                    }
                };
            }
            default -> throw new IllegalStateException("not text: " + e);
        };
    }

    static Cond cond(TExpr e) {
        return switch (e) {
            case TExpr.BoolLit b -> {
                int v = b.value() ? 1 : 0;
                yield new Cond() {
                    int eval(Ctx c) {
                        return v;
                    }
                };
            }
            case TExpr.NullLit n -> new Cond() {
                int eval(Ctx c) {
                    return -1;
                }
            };
            case TExpr.Input i -> {
                int slot = i.slot();
                yield new Cond() {
                    int eval(Ctx c) {
                        double v = c.nums[slot];
                        return Double.isNaN(v) ? -1 : (v != 0 ? 1 : 0);
                    }
                };
            }
            case TExpr.Cmp cmp -> compare(cmp);
            case TExpr.Logic l -> {
                Cond a = cond(l.left());
                Cond b = cond(l.right());
                yield l.and() ? new Cond() {
                    int eval(Ctx c) {
                        int x = a.eval(c);
                        if (x == 0) {
                            return 0;
                        }
                        int y = b.eval(c);
                        if (y == 0) {
                            return 0;
                        }
                        return x == 1 && y == 1 ? 1 : -1;
                    }
                } : new Cond() {
                    int eval(Ctx c) {
                        int x = a.eval(c);
                        if (x == 1) {
                            return 1;
                        }
                        int y = b.eval(c);
                        if (y == 1) {
                            return 1;
                        }
                        return x == 0 && y == 0 ? 0 : -1;
                    }
                };
            }
            case TExpr.Not n -> {
                Cond a = cond(n.operand());
                yield new Cond() {
                    int eval(Ctx c) {
                        int x = a.eval(c);
                        return x < 0 ? -1 : 1 - x;
                    }
                };
            }
            case TExpr.IsNull n -> {
                boolean neg = n.negated();
                TExpr op = n.operand();
                yield switch (op.type()) {
                    case NUM -> {
                        Num x = num(op);
                        yield new Cond() {
                            int eval(Ctx c) {
                                return Double.isNaN(x.eval(c)) != neg ? 1 : 0;
                            }
                        };
                    }
                    case STR -> {
                        Str x = str(op);
                        yield new Cond() {
                            int eval(Ctx c) {
                                return (x.eval(c) == null) != neg ? 1 : 0;
                            }
                        };
                    }
                    case BOOL -> {
                        Cond x = cond(op);
                        yield new Cond() {
                            int eval(Ctx c) {
                                return (x.eval(c) < 0) != neg ? 1 : 0;
                            }
                        };
                    }
                    case TIME -> new Cond() {
                        int eval(Ctx c) {
                            return neg ? 1 : 0;
                        }
                    };
                };
            }
            case TExpr.If i -> {
                Cond k = cond(i.cond());
                Cond a = cond(i.then());
                Cond b = cond(i.otherwise());
                yield new Cond() {
                    int eval(Ctx c) {
                        return k.eval(c) == 1 ? a.eval(c) : b.eval(c);
                    }
                };
            }
            case TExpr.Coalesce co -> {
                Cond[] args = co.args().stream().map(Evaluators::cond).toArray(Cond[]::new);
                yield new Cond() {
                    int eval(Ctx c) {
                        for (Cond a : args) {
                            int v = a.eval(c);
                            if (v >= 0) {
                                return v;
                            }
                        }
                        return -1;
                    }
                };
            }
            default -> throw new IllegalStateException("not a condition: " + e);
        };
    }

    private static Cond compare(TExpr.Cmp cmp) {
        String op = cmp.op();
        if (cmp.left().type() == Ty.STR) {
            Str l = str(cmp.left());
            Str r = str(cmp.right());
            boolean eq = op.equals("=");
            return new Cond() {
                int eval(Ctx c) {
                    String a = l.eval(c);
                    String b = r.eval(c);
                    if (a == null || b == null) {
                        return -1;
                    }
                    return a.equals(b) == eq ? 1 : 0;
                }
            };
        }
        if (cmp.left().type() == Ty.BOOL) {
            Cond l = cond(cmp.left());
            Cond r = cond(cmp.right());
            boolean eq = op.equals("=");
            return new Cond() {
                int eval(Ctx c) {
                    int a = l.eval(c);
                    int b = r.eval(c);
                    if (a < 0 || b < 0) {
                        return -1;
                    }
                    return (a == b) == eq ? 1 : 0;
                }
            };
        }
        Num l = num(cmp.left());
        Num r = num(cmp.right());
        return switch (op) {
            case "=" -> new Cond() {
                int eval(Ctx c) {
                    double a = l.eval(c);
                    double b = r.eval(c);
                    return Double.isNaN(a) || Double.isNaN(b) ? -1 : (a == b ? 1 : 0);
                }
            };
            case "!=" -> new Cond() {
                int eval(Ctx c) {
                    double a = l.eval(c);
                    double b = r.eval(c);
                    return Double.isNaN(a) || Double.isNaN(b) ? -1 : (a != b ? 1 : 0);
                }
            };
            case "<" -> new Cond() {
                int eval(Ctx c) {
                    double a = l.eval(c);
                    double b = r.eval(c);
                    return Double.isNaN(a) || Double.isNaN(b) ? -1 : (a < b ? 1 : 0);
                }
            };
            case "<=" -> new Cond() {
                int eval(Ctx c) {
                    double a = l.eval(c);
                    double b = r.eval(c);
                    return Double.isNaN(a) || Double.isNaN(b) ? -1 : (a <= b ? 1 : 0);
                }
            };
            case ">" -> new Cond() {
                int eval(Ctx c) {
                    double a = l.eval(c);
                    double b = r.eval(c);
                    return Double.isNaN(a) || Double.isNaN(b) ? -1 : (a > b ? 1 : 0);
                }
            };
            case ">=" -> new Cond() {
                int eval(Ctx c) {
                    double a = l.eval(c);
                    double b = r.eval(c);
                    return Double.isNaN(a) || Double.isNaN(b) ? -1 : (a >= b ? 1 : 0);
                }
            };
            default -> throw new IllegalStateException("comparison " + op);
        };
    }
}
