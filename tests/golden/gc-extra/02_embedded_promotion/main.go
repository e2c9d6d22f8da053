package main

// Promoted fields and methods through embedded structs (value and pointer embedding).

type Base struct {
	id   int
	name *string
}

func (b *Base) ID() int { return b.id }

func (b Base) Name() string { return *b.name }

type Derived struct {
	Base
	extra int
}

type Wrapper struct {
	*Base
	tag string
}

var sink *string

func keep(w *Wrapper) *Base { return w.Base }

func main() {
	s := "x"
	d := Derived{Base{1, &s}, 2}
	println(d.id, d.ID(), d.Name(), d.extra)
	t := "y"
	w := Wrapper{&Base{2, &t}, "w"}
	println(w.id, w.ID(), keep(&w).id)
	u := "z"
	e := Derived{}
	e.name = &u
	sink = e.name
}
