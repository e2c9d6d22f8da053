package main

// Method values (c.Add) and method expressions (Counter.Get, (*Counter).Add).

type Counter struct {
	n int
}

func (c *Counter) Add(d int) { c.n += d }

func (c Counter) Get() int { return c.n }

func apply(f func(int), v int) { f(v) }

var hook func(int)

func main() {
	c := &Counter{}
	add := c.Add
	add(3)
	apply(c.Add, 4)
	get := Counter.Get
	println(get(*c))
	inc := (*Counter).Add
	inc(c, 1)
	d := &Counter{}
	hook = d.Add
	hook(2)
	println(c.n, d.n)
}
